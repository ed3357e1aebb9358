import Foundation
import SuppleCore
import SuppleStore

extension ProgramService {
    /// A member whose sponsored coverage has ended: what they are told instead of a new session.
    public struct CoverageEnded: Error, Sendable {
        public let organizationName: String
        public let endedOn: String

        public var message: String {
            "Your coverage through \(organizationName) ended on \(endedOn), so new sessions are paused. Everything you've done is kept, and you can still see your progress. If you think this is a mistake, ask your HR or benefits team, and we'll pick up where you left off once they confirm it."
        }
    }

    /// Throws `CoverageEnded` when the member joined through a roster whose record has ended
    /// before today (in the member's time zone). Members with no roster link are never stopped.
    public func requireCoverage(_ member: AccountRecord) async throws {
        guard let organizationID = member.organizationID else { return }
        let found = try await database.read { db -> (EligibilityRepository.Coverage, OrganizationRepository.Organization)? in
            guard let coverage = try await EligibilityRepository.coverage(ofAccount: member.id, in: db),
                let organization = try await OrganizationRepository.find(id: organizationID, in: db)
            else { return nil }
            return (coverage, organization)
        }
        guard let (coverage, organization) = found, let end = coverage.coverageEnd, end < today(for: member).description else { return }
        throw CoverageEnded(organizationName: organization.name, endedOn: end)
    }
}
