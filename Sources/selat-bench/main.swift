print("selat-bench: see Benchmarks/README.md")
