import Foundation

/// An education article: metadata plus its Markdown body (rendered to HTML by SuppleContent).
public struct Article: Sendable, Equatable, Identifiable {
    public let slug: String
    public let title: String
    public let summary: String
    public let topics: [ArticleTopic]
    public let regions: [BodyRegion]
    public let readingMinutes: Int
    public let writtenBy: String
    public let reviewedBy: String
    public let reviewStatus: String
    public let lastReviewed: CalendarDate
    public let references: [Reference]
    public let markdown: String

    public var id: String { slug }

    public struct Reference: Sendable, Equatable, Codable {
        public let title: String
        public let url: String

        public init(title: String, url: String) {
            self.title = title
            self.url = url
        }
    }

    public init(
        slug: String,
        title: String,
        summary: String,
        topics: [ArticleTopic],
        regions: [BodyRegion],
        readingMinutes: Int,
        writtenBy: String,
        reviewedBy: String,
        reviewStatus: String,
        lastReviewed: CalendarDate,
        references: [Reference],
        markdown: String
    ) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.topics = topics
        self.regions = regions
        self.readingMinutes = readingMinutes
        self.writtenBy = writtenBy
        self.reviewedBy = reviewedBy
        self.reviewStatus = reviewStatus
        self.lastReviewed = lastReviewed
        self.references = references
        self.markdown = markdown
    }
}

public enum ArticleTopic: String, CaseIterable, Codable, Sendable {
    case walking
    case lowBackPain = "low-back-pain"
    case painScience = "pain-science"
    case activity, nutrition, stress, sleep, medication
    case flareUps = "flare-ups"
    case safety, conditions, neck, shoulder, hip, knee
    case ankleFoot = "ankle-foot"
    case exercise

    public var label: String {
        switch self {
        case .lowBackPain: "Low back pain"
        case .painScience: "Understanding pain"
        case .flareUps: "Flare-ups"
        case .ankleFoot: "Ankle and foot"
        case .conditions: "Conditions"
        default: rawValue.capitalized
        }
    }
}
