@_exported import SelatAnalysis
// The command line and other front ends import SelatKit alone and see the value types below it.
@_exported import SelatFormats
@_exported import SelatGeo
@_exported import SelatModel
@_exported import SelatPlanning
@_exported import SelatStore
