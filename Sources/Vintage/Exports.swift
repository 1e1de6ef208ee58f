// The library product's surface includes the value types of the layers below, so that
// programs need only `import Vintage`.
@_exported import VintageCore
@_exported import VintageLog
@_exported import VintageProjection
@_exported import VintageQuery
