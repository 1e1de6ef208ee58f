import Testing

/// Runs `body`, recording an error it throws as an issue at `sourceLocation`.
///
/// swift-property-based 2.0's `propertyCheck` runs its body inside `try?` (around the scope
/// that counts issues), so an error thrown by a property body is dropped and the test passes.
/// Wrapping the body, `propertyCheck(...) { x in recordingErrors { ... } }`, makes a thrown
/// error fail the test. An `ExpectationFailedError` (thrown by a failed `#require`) is not
/// recorded again: its issue has been recorded already.
public func recordingErrors(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        try body()
    } catch is ExpectationFailedError {
    } catch {
        Issue.record("\(error)", sourceLocation: sourceLocation)
    }
}
