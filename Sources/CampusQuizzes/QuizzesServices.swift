import CampusPlatform
import Vapor

/// What the quiz domain keeps for the life of the process.
package final class QuizzesServices: Sendable {
    /// The LLM recommender when one is configured; nil means the built-in plan is written at submit.
    package let llm: (any Recommender)?
    package let recommendations: RecommendationQueue
    /// Who hears about completed attempts (learning); set once by the app.
    package let outcomes: [any QuizOutcomes]

    package init(llm: (any Recommender)?, recommendations: RecommendationQueue, outcomes: [any QuizOutcomes]) {
        self.llm = llm
        self.recommendations = recommendations
        self.outcomes = outcomes
    }
}

extension Application {
    package var quizzesIfConfigured: QuizzesServices? { domainServicesIfSet() }

    package var quizzes: QuizzesServices {
        get { domainServices() }
        set { setDomainServices(newValue) }
    }
}
