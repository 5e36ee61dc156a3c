import Foundation
import Synchronization
import WPSLanguage

/// Progress on stderr: one line redrawn in place on a terminal (at most ten times a second, cut
/// to the terminal's width so that it never wraps: a wrapped line cannot be redrawn in place),
/// plain lines otherwise (each distinct message once). Safe to share between the tasks of an
/// import: its state is behind a `Mutex`, and each line is written whole.
final class ProgressLine: Sendable {
    private struct State {
        var lastDraw = ContinuousClock.now - .seconds(1)
        var lastText = ""
        var drawn = false
        /// The latest state asked for, drawn or not (a redraw within 100 ms is skipped): `finish()`
        /// draws it, so the line ends on the final state, every row accounted.
        var pending: (text: String, done: Int?, total: Int?)?
        /// The line last drawn, whole, when it was cut to the width: `finish()` shows it whole.
        var cutLine: String?
    }

    private let write: @Sendable (String) -> Void
    let isTerminal: Bool
    private let width: @Sendable () -> Int?
    private let state = Mutex(State())

    init(
        isTerminal: Bool, width: @escaping @Sendable () -> Int? = { nil }, write: @escaping @Sendable (String) -> Void
    ) {
        self.isTerminal = isTerminal
        self.width = width
        self.write = write
    }

    /// Progress as the session shows it: redrawn on a terminal of its width, or plain lines.
    convenience init(_ settings: OutputSettings) {
        self.init(isTerminal: settings.progressIsTerminal, width: settings.progressWidth, write: settings.progress)
    }

    /// Shows `text`; on a terminal, a bar of `done` out of `total` leads it.
    func update(_ text: String, done: Int? = nil, total: Int? = nil, force: Bool = false) {
        state.withLock { update(&$0, text, done: done, total: total, force: force) }
    }

    /// Draws the line; a `final` one stays on the screen whole, so it is not cut.
    private func update(
        _ state: inout State, _ text: String, done: Int?, total: Int?, force: Bool, final: Bool = false
    ) {
        guard text != state.lastText || force else { return }
        guard isTerminal else {
            state.lastText = text
            write(text)
            return
        }
        let now = ContinuousClock.now
        state.pending = (text, done, total)
        guard force || now - state.lastDraw >= .milliseconds(100) else { return }
        state.pending = nil
        state.lastDraw = now
        state.lastText = text
        var bar = ""
        if let done, let total, total > 0 {
            let width = 24
            let filled = min(width, done * width / total)
            bar = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
        }
        let whole = bar + text
        var line = whole
        if !final, let columns = width(), columns > 2 { line = TableRenderer.cut(whole, to: columns - 1) }
        state.cutLine = line == whole ? nil : whole
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        state.drawn = true
    }

    /// Leaves the line: on a terminal the final text stays and the cursor moves on.
    func finish(_ text: String? = nil) {
        state.withLock { state in
            if let text {
                update(&state, text, done: nil, total: nil, force: true, final: true)
            } else if let pending = state.pending {
                update(&state, pending.text, done: pending.done, total: pending.total, force: true, final: true)
            } else if isTerminal, state.drawn, let whole = state.cutLine {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + whole).utf8))
            }
            state.cutLine = nil
            if isTerminal, state.drawn {
                FileHandle.standardError.write(Data("\n".utf8))
                state.drawn = false
            }
        }
    }

    /// Removes the line from a terminal (a spinner that has done its job); nothing otherwise.
    func clear() {
        state.withLock { state in
            state.pending = nil
            if isTerminal, state.drawn {
                FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
                state.drawn = false
                state.lastText = ""
            }
        }
    }

    /// Writes a line of its own above the progress line.
    func note(_ text: String) {
        state.withLock { state in
            if isTerminal, state.drawn {
                FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
                state.drawn = false
                state.lastText = ""
            }
            state.pending = nil
            write(text)
        }
    }
}
