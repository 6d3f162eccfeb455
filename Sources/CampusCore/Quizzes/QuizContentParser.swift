import Foundation

/// Reads quiz content (bank questions and quiz documents) from stored JSON and validates it,
/// reporting every problem of a document at once with its JSON path.
///
/// Checking that a quiz's `question_ids` exist in the bank is left to the caller, which has the bank.
public enum QuizContentParser {}
