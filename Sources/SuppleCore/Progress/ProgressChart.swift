import Foundation

/// Small, accessible SVG charts drawn on the server: a title and description for screen readers,
/// and the page shows the same numbers as a table beside it.
public enum ProgressChart {
    public struct Point: Sendable, Equatable {
        public let label: String
        public let value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    static let width = 320.0, height = 160.0, left = 28.0, bottom = 24.0, top = 10.0, right = 8.0

    static func escape(_ text: String) -> String { text.markupEscaped }

    static func frame(title: String, description: String, maximum: Double, body: String, firstLabel: String?, lastLabel: String?) -> String {
        let plotBottom = height - bottom
        var svg =
            ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Int(width)) \##(Int(height))" class="chart" role="img" aria-label="\##(escape(title)): \##(escape(description))">"##
        svg += "<title>\(escape(title))</title><desc>\(escape(description))</desc>"
        svg += ##"<path d="M\##(left) \##(top)V\##(plotBottom)H\##(width - right)" stroke="#9aa5ab" fill="none"/>"##
        svg += ##"<text x="\##(left - 4)" y="\##(top + 4)" text-anchor="end" font-size="10" fill="#52616a">\##(FigureSVG.number(maximum))</text>"##
        svg += ##"<text x="\##(left - 4)" y="\##(plotBottom)" text-anchor="end" font-size="10" fill="#52616a">0</text>"##
        if let firstLabel { svg += ##"<text x="\##(left)" y="\##(height - 6)" font-size="10" fill="#52616a">\##(escape(firstLabel))</text>"## }
        if let lastLabel {
            svg +=
                ##"<text x="\##(width - right)" y="\##(height - 6)" text-anchor="end" font-size="10" fill="#52616a">\##(escape(lastLabel))</text>"##
        }
        return svg + body + "</svg>"
    }

    static func y(_ value: Double, _ maximum: Double) -> Double {
        let plot = height - bottom - top
        return top + plot * (1 - min(max(value / max(maximum, 1), 0), 1))
    }

    /// A line with dots, e.g. daily pain 0–10.
    public static func line(_ points: [Point], maximum: Double, title: String, description: String) -> String {
        guard !points.isEmpty else {
            return frame(title: title, description: description, maximum: maximum, body: "", firstLabel: nil, lastLabel: nil)
        }
        let step = points.count > 1 ? (width - left - right - 8) / Double(points.count - 1) : 0
        let coordinates = points.enumerated().map { (left + 4 + Double($0.offset) * step, y($0.element.value, maximum)) }
        let path = coordinates.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(FigureSVG.number($0.element.0)) \(FigureSVG.number($0.element.1))" }
            .joined()
        let dots = coordinates.map { ##"<circle cx="\##(FigureSVG.number($0.0))" cy="\##(FigureSVG.number($0.1))" r="3" fill="#0b6b5f"/>"## }.joined()
        return frame(
            title: title,
            description: description,
            maximum: maximum,
            body: ##"<path d="\##(path)" stroke="#0b6b5f" stroke-width="2.5" fill="none"/>"## + dots,
            firstLabel: points.first?.label,
            lastLabel: points.count > 1 ? points.last?.label : nil
        )
    }

    /// Bars, e.g. walking minutes per week; an optional target draws a dashed line.
    public static func bars(_ points: [Point], maximum: Double, target: Double? = nil, title: String, description: String) -> String {
        let slot = (width - left - right) / Double(max(points.count, 1))
        var body = points.enumerated().map { index, point in
            let top = y(point.value, maximum)
            return
                ##"<rect x="\##(FigureSVG.number(left + Double(index) * slot + slot * 0.2))" y="\##(FigureSVG.number(top))" width="\##(FigureSVG.number(slot * 0.6))" height="\##(FigureSVG.number(height - bottom - top))" fill="#0b6b5f" rx="2"/>"##
        }.joined()
        if let target {
            body += ##"<path d="M\##(left) \##(FigureSVG.number(y(target, maximum)))H\##(width - right)" stroke="#c98a1b" stroke-dasharray="4 3"/>"##
        }
        return frame(
            title: title,
            description: description,
            maximum: maximum,
            body: body,
            firstLabel: points.first?.label,
            lastLabel: points.count > 1 ? points.last?.label : nil
        )
    }
}
