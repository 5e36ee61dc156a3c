import Foundation

/// Progress on stderr: one line redrawn in place on a terminal (at most ten times a second),
/// plain lines otherwise (each distinct message once).
final class ProgressLine: @unchecked Sendable {
    private let write: (String) -> Void
    private let isTerminal: Bool
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var lastText = ""
    private var drawn = false
    /// The latest state asked for, drawn or not (a redraw within 100 ms is skipped): `finish()`
    /// draws it, so the line ends on the final state, every row accounted.
    private var pending: (text: String, done: Int?, total: Int?)?

    init(isTerminal: Bool, write: @escaping (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    /// Shows `text`; on a terminal, a bar of `done` out of `total` leads it.
    func update(_ text: String, done: Int? = nil, total: Int? = nil, force: Bool = false) {
        guard text != lastText || force else { return }
        if isTerminal {
            let now = ContinuousClock.now
            pending = (text, done, total)
            guard force || now - lastDraw >= .milliseconds(100) else { return }
            pending = nil
            lastDraw = now
            lastText = text
            var bar = ""
            if let done, let total, total > 0 {
                let width = 24, filled = min(width, done * width / total)
                bar = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
            }
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + bar + text).utf8))
            drawn = true
        } else {
            lastText = text
            write(text)
        }
    }

    /// Leaves the line: on a terminal the final text stays and the cursor moves on.
    func finish(_ text: String? = nil) {
        if let text {
            update(text, force: true)
        } else if let pending {
            update(pending.text, done: pending.done, total: pending.total, force: true)
        }
        if isTerminal, drawn {
            FileHandle.standardError.write(Data("\n".utf8))
            drawn = false
        }
    }

    /// Writes a line of its own above the progress line.
    func note(_ text: String) {
        if isTerminal, drawn {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            drawn = false
            lastText = ""
        }
        pending = nil
        write(text)
    }
}
