import Hummingbird
import SuppleContent
import SuppleCore

/// Exercise figures as SVG files (for lists, print and the API), and the staff contact sheet that
/// shows every exercise's key poses on one page for review.
struct FigureRoutes {
    let library: ContentLibrary
    let pages: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.get("/library/exercises/{id}/figure.svg") { _, context in
            try svg(FigureSVG.animated(try exercise(context)))
        }
        router.get("/library/exercises/{id}/still.svg") { _, context in
            try svg(FigureSVG.still(try exercise(context)))
        }
        router.get("/library/exercises/{id}/pose/{index}") { _, context in
            let exercise = try exercise(context)
            guard let index = Int(try context.parameters.require("index")), (1...(exercise.figure?.poses.count ?? 0)).contains(index) else {
                throw HTTPError(.notFound)
            }
            return try svg(FigureSVG.still(exercise, poseIndex: index - 1))
        }
        router.get("/staff/library/figures", use: contactSheet)
    }

    func exercise(_ context: AppRequestContext) throws -> Exercise {
        guard let exercise = library.exercises[try context.parameters.require("id")] else { throw HTTPError(.notFound) }
        return exercise
    }

    func svg(_ document: String?) throws -> Response {
        guard let document else { throw HTTPError(.notFound) }
        let buffer = ByteBuffer(string: document)
        return Response(
            status: .ok,
            headers: [
                .contentType: "image/svg+xml", .contentLength: "\(buffer.readableBytes)", .cacheControl: "public, max-age=3600",
            ],
            body: .init(byteBuffer: buffer)
        )
    }

    @Sendable func contactSheet(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.openStaffWorkspace)
        let rows = library.exercises.all.map { exercise -> [String: Any] in
            [
                "id": exercise.id, "name": exercise.name, "position": exercise.position.label, "bias": exercise.spineBias.label,
                "view": exercise.figure?.view.rawValue ?? "", "level": exercise.level,
                "poses": (1...(exercise.figure?.poses.count ?? 0)).map { ["id": exercise.id, "index": $0] },
            ]
        }
        return try pages.page(
            "figures",
            title: "Figure contact sheet",
            context: context,
            currentPath: "/library",
            data: ["exercises": rows, "count": rows.count]
        )
    }
}
