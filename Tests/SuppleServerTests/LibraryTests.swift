import Foundation
import Hummingbird
import HummingbirdTesting
import SuppleContent
import SuppleCore
import Testing

@Suite struct LibraryTests {
    @Test("the library lists every exercise and is open without signing in")
    func browse() async throws {
        try await TestApp.run { _, client in
            let page = try await Browser(client).get("/library")
            #expect(page.status == .ok)
            let count = try ContentLibrary.bundled().exercises.count
            #expect(page.text.contains("All \(count) exercises"))
            #expect(page.body.contains(#"href="/library/exercises/forward-bend""#))
            #expect(page.text.contains("Education, not medical advice"))
        }
    }

    @Test("filtering to lower back + standing shows only those, Forward Bend among them")
    func filter() async throws {
        try await TestApp.run { _, client in
            let page = try await Browser(client).get("/library?region=lumbar&position=standing")
            #expect(page.body.contains(#"href="/library/exercises/forward-bend""#))
            #expect(!page.body.contains(#"href="/library/exercises/knee-hug""#))
            #expect(page.body.contains(#"<option value="lumbar" selected>"#))
            let expected = try ContentLibrary.bundled().exercises.matching(ExerciseFilter(region: .lumbar, position: .standing)).count
            #expect(page.text.contains("\(expected) of"))
        }
    }

    @Test("search finds Cat Cow however it is typed", arguments: ["cat+cow", "cat-cow", "catcow"])
    func search(_ query: String) async throws {
        try await TestApp.run { _, client in
            let page = try await Browser(client).get("/library?q=\(query)")
            #expect(page.body.contains(#"href="/library/exercises/cat-cow""#))
        }
    }

    @Test("an unknown filter value is named, and the library still shows")
    func unknownFilter() async throws {
        try await TestApp.run { _, client in
            let page = try await Browser(client).get("/library?region=moon&level=9")
            #expect(page.status == .ok)
            #expect(page.text.contains("\"moon\" is not a known region"))
            #expect(page.text.contains("Level must be a number from 1 to 5"))
        }
    }

    @Test("an exercise page shows the dose, steps, mistakes, precautions and easier versions")
    func exercisePage() async throws {
        try await TestApp.run { _, client in
            let page = try await Browser(client).get("/library/exercises/forward-bend")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Forward Bend</h1>"))
            #expect(page.text.contains("Hold 10–15 seconds"))
            #expect(page.text.contains("Stop or skip it if"))
            #expect(page.body.contains(#"href="/library/exercises/seated-forward-flexion""#))
            #expect(page.text.contains("Education, not medical advice"))
            #expect(try await Browser(client).get("/library/exercises/no-such-thing").status == .notFound)
        }
    }

    @Test("articles are listed by topic and render with the shared danger signs")
    func articles() async throws {
        try await TestApp.run { _, client in
            let list = try await Browser(client).get("/library/articles")
            #expect(list.body.contains(#"href="/library/articles/back-pain-when-walking""#))
            let urgent = try await Browser(client).get("/library/articles/when-to-get-urgent-help")
            #expect(urgent.status == .ok)
            for sign in EmergencySigns.signs { #expect(urgent.text.contains(sign)) }
            #expect(urgent.text.contains("pending clinical review"))
            #expect(urgent.text.contains("Education, not medical advice"))
            #expect(try await Browser(client).get("/library/articles/nope").status == .notFound)
        }
    }

    @Test("the API filters exercises the same way and names bad filters")
    func api() async throws {
        try await TestApp.run { _, client in
            let response = try await client.execute(uri: "/api/v1/exercises?region=lumbar&position=standing", method: .get)
            #expect(response.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let exercises = try #require(body["exercises"] as? [[String: Any]])
            #expect(exercises.count == body["count"] as? Int)
            #expect(exercises.contains { $0["id"] as? String == "forward-bend" })
            #expect(exercises.allSatisfy { $0["position"] as? String == "standing" })

            let one = try await client.execute(uri: "/api/v1/exercises/forward-bend", method: .get)
            let exercise = try #require(try JSONSerialization.jsonObject(with: Data(buffer: one.body)) as? [String: Any])
            #expect((exercise["dose"] as? [String: Any])?["holdSecondsMax"] as? Int == 15)

            let bad = try await client.execute(uri: "/api/v1/exercises?kind=dancing", method: .get)
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains(#""parameter":"kind""#))
            #expect(try await client.execute(uri: "/api/v1/exercises/nope", method: .get).status == .notFound)
        }
    }

    @Test("the API serves articles with metadata, Markdown and HTML")
    func articleAPI() async throws {
        try await TestApp.run { _, client in
            let list = try await client.execute(uri: "/api/v1/articles?topic=walking", method: .get)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [String: Any])
            let articles = try #require(body["articles"] as? [[String: Any]])
            #expect(articles.contains { $0["slug"] as? String == "back-pain-when-walking" })
            let one = try await client.execute(uri: "/api/v1/articles/back-pain-when-walking", method: .get)
            let article = try #require(try JSONSerialization.jsonObject(with: Data(buffer: one.body)) as? [String: Any])
            #expect((article["html"] as? String)?.contains("<h2>") == true)
            #expect(article["reviewStatus"] as? String == "pending clinical review")
            #expect(try await client.execute(uri: "/api/v1/articles?topic=gossip", method: .get).status == .badRequest)
        }
    }
}
