// A program that charts a store needs only `import VintageStoreChart` (or the `VintageChart`
// product's two modules): the chart model and its renderers come with it.
@_exported import VintageChart
