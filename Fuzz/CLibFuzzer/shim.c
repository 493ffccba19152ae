// Nothing to compile: the header declares a function compiler-rt provides.
