import Foundation
import SuppleContent
import SuppleCore
import Testing

/// Figures are cropped to their content (issue 25, row 10): a figure lying down fills its frame
/// instead of sitting at the bottom of an empty square, and nothing any pose reaches is cut off.
@Suite struct FigureFrameTests {
    static func frame(_ svg: String) -> (top: Double, height: Double)? {
        guard let match = svg.firstMatch(of: /viewBox="0 (-?[0-9.]+) 200 ([0-9.]+)"/) else { return nil }
        let (top, height) = (String(match.output.1), String(match.output.2))
        return (Double(top)!, Double(height)!)
    }

    @Test("a lying figure's frame is much shorter than a standing one's, and every frame holds every pose")
    func cropped() throws {
        let library = try ContentLibrary.bundled()
        let bridge = try #require(library.exercises["glute-bridge"])
        let standing = try #require(library.exercises["forward-bend"])
        let bridgeSVG = try #require(FigureSVG.still(bridge))
        let standingSVG = try #require(FigureSVG.still(standing))
        let lying = try #require(Self.frame(bridgeSVG))
        let tall = try #require(Self.frame(standingSVG))
        #expect(lying.height <= 100 && tall.height >= 150, "bridge \(lying), forward bend \(tall)")
        for exercise in library.exercises.all {
            guard let figure = exercise.figure, let svg = FigureSVG.still(exercise), let frame = Self.frame(svg) else { continue }
            #expect(frame.top + frame.height == 200, "\(exercise.id): the ground is in the frame")
            #expect(FigureRig.highestPoint(figure) >= frame.top, "\(exercise.id): the highest point is inside the frame")
        }
    }
}
