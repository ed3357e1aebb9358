import Foundation
import Hummingbird
import SuppleCore
import SuppleStore

/// `POST /staff/organizations/{slug}/roster`: an admin uploads an eligibility file. The form
/// sends `_csrf`, `mode` and `asOf` before the file, so they are checked before a byte of the
/// file is read; the file is then spooled to disk (bounded by the size limit) and imported
/// from there, so members' writes never wait on a slow upload.
struct RosterUploadRoute {
    let eligibility: EligibilityService
    let organizations: OrganizationPages

    func register(on router: Router<AppRequestContext>) {
        router.post("/staff/organizations/{slug}/roster", use: upload)
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.require(.manageOrganizations).account
        let org = try await organizations.organization(context)
        guard var reader = MultipartReader(request), let expected = context.uploadCSRFExpected, !expected.isEmpty else {
            // Not a file upload: the CSRF middleware has already checked an ordinary form.
            return try await refusal(org, admin, context, message: "Choose a roster file (CSV) to upload.", field: "file")
        }
        guard let first = try? await reader.nextPart(), first.name == CSRFMiddleware.fieldName,
            let sent = try? await reader.text(), SecretToken.constantTimeEquals(expected, sent)
        else {
            throw CSRFRejected()
        }
        var fields: [String: String] = [:]
        var fileName: String?
        do {
            while let part = try await reader.nextPart() {
                if part.name == "file" {
                    fileName = part.fileName ?? ""
                    break
                }
                fields[part.name] = try await reader.text()
            }
        } catch is MultipartReader.Malformed {
            return try await refusal(org, admin, context, message: "The upload didn't arrive whole. Try again.", field: "file")
        }
        var errors = FieldErrorCollector()
        let mode = fields["mode"].flatMap(RosterImportMode.init(rawValue:))
        if mode == nil { errors.add("mode", "Choose whether the file is the whole roster (replace) or changes only (update).") }
        let asOf = fields["asOf"].flatMap { RosterDate.validated($0.trimmingCharacters(in: .whitespaces)) }
        if asOf == nil { errors.add("asOf", "Enter the file's date as year-month-day, like 2026-11-30.") }
        if fileName == nil || fileName!.isEmpty { errors.add("file", "Choose a roster file (CSV) to upload.") }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > eligibility.limits.maxBytes + 64 * 1024 {
            errors.add("file", RosterRefusal.tooLarge(limitBytes: eligibility.limits.maxBytes).description)
        }
        if !errors.errors.isEmpty {
            return try await organizations.organizationPage(
                org,
                viewer: admin,
                context: context,
                status: .unprocessableContent,
                extra: ValidationFailure(errors.errors).templateValues.merging(["values": fields]) { _, new in new }
            )
        }
        do {
            let spool = try await UploadSpool.receive(limit: eligibility.limits.maxBytes) { try await reader.nextChunk() }
            defer { spool.remove() }
            let outcome = try await eligibility.importRoster(
                organization: org,
                mode: mode!,
                asOf: asOf!,
                fileName: fileName!,
                by: admin.id,
                source: "web",
                clientAddress: context.clientAddress,
                nextChunk: { try spool.nextChunk() }
            )
            return .redirect(to: "/staff/organizations/\(org.slug)/imports/\(outcome.importID.uuidString.lowercased())?done=imported")
        } catch let refused as RosterImporter.Refused {
            return try await organizations.organizationPage(
                org,
                viewer: admin,
                context: context,
                status: .unprocessableContent,
                extra: [
                    "refusal": refused.refusal.description, "refusedRows": refused.rejections.map(ImportView.rejection),
                    "hasRefusedRows": !refused.rejections.isEmpty, "values": fields,
                ]
            )
        } catch is MultipartReader.Malformed {
            return try await refusal(
                org,
                admin,
                context,
                message: "The upload didn't arrive whole, so nothing was changed. Try again.",
                field: "file"
            )
        }
    }

    func refusal(
        _ org: OrganizationRepository.Organization,
        _ admin: AccountRecord,
        _ context: AppRequestContext,
        message: String,
        field: String
    ) async throws -> Response {
        try await organizations.organizationPage(
            org,
            viewer: admin,
            context: context,
            status: .unprocessableContent,
            extra: ValidationFailure(field: field, message: message).templateValues
        )
    }
}
