import CEditLine

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Reads lines on a terminal with libedit: a prompt, Emacs (or vi) key bindings, a history file,
/// and tab completion through a Swift closure.
///
/// ```swift
/// let editor = LineEditor(program: "wps", historyPath: path) { line in completer.complete(line) }
/// while let line = editor.readLine(prompt: "wps> ") { … }
/// ```
public final class LineEditor {
    /// What completion found for the text before the cursor: the candidates for the word that
    /// ends at the cursor, and that word's length in bytes (the part candidates replace).
    public struct Completions {
        public var candidates: [String]
        public var wordLength: Int
        /// What to show beside a candidate when several are listed (an id's name).
        public var labels: [String: String]
        public init(candidates: [String], wordLength: Int, labels: [String: String] = [:]) {
            self.candidates = candidates
            self.wordLength = wordLength
            self.labels = labels
        }
    }

    /// Why `readLine` returned no line.
    public enum Interruption {
        /// Ctrl-D on an empty line, or the end of input.
        case endOfInput
        /// Ctrl-C: the line was discarded.
        case interrupt
    }

    let editLine: OpaquePointer
    let history: OpaquePointer
    let historyPath: String?
    let complete: (String) -> Completions
    var promptBuffer: [CChar] = [0]
    /// Set when the last `readLine` returned nil.
    public private(set) var lastInterruption: Interruption = .endOfInput

    /// Creates an editor. `historyPath` is loaded now and saved after each remembered line.
    public init(
        program: String, historyPath: String?, viMode: Bool = false, complete: @escaping (String) -> Completions
    ) {
        guard let editLine = wps_el_init(program), let history = wps_history_init(5000) else {
            fatalError("libedit could not start")  // only when the terminal cannot be set up at all
        }
        self.editLine = editLine
        self.history = history
        self.historyPath = historyPath
        self.complete = complete
        wps_el_set_editor(editLine, viMode ? "vi" : "emacs")
        wps_el_set_history(editLine, history)
        wps_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        wps_el_set_prompt(editLine) { editLine in
            guard let editLine, let editor = LineEditor.from(editLine) else { return nil }
            return editor.promptBuffer.withUnsafeMutableBufferPointer { $0.baseAddress }
        }
        wps_el_add_function(editLine, "wps-complete", "Complete the word before the cursor") { editLine, _ in
            guard let editLine, let editor = LineEditor.from(editLine) else { return UInt8(CC_ERROR) }
            return editor.completeAtCursor()
        }
        wps_el_bind(editLine, "^I", "wps-complete")
        wps_install_sigint_handler()
        wps_el_use_interruptible_reader(editLine)
        wps_el_bind_ctrl_c(editLine)
        if let historyPath { _ = wps_history_load(history, historyPath) }
    }

    deinit {
        el_end(editLine)
        history_end(history)
    }

    static func from(_ editLine: OpaquePointer) -> LineEditor? {
        guard let data = wps_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Reads one line (without its newline); nil on Ctrl-D at an empty line or on Ctrl-C — see
    /// ``lastInterruption``.
    public func readLine(prompt: String) -> String? {
        promptBuffer = Array(prompt.utf8CString)
        _ = wps_take_interrupt()
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count), count > 0 else {
            lastInterruption = wps_take_interrupt() != 0 ? .interrupt : .endOfInput
            if lastInterruption == .interrupt { el_reset(editLine) }
            return nil
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return line
    }

    /// Whether Ctrl-C was pressed since the last call (while a command ran); clears it.
    public static func takeInterrupt() -> Bool { wps_take_interrupt() != 0 }

    /// Ctrl-C (SIGINT) only records the interrupt, for ``takeInterrupt()`` to see, instead of
    /// ending the process: for runs without an editor (`wps -c`, scripts) that cancel the
    /// running statement themselves.
    public static func recordInterrupts() { wps_install_sigint_handler() }

    /// Adds a line (already stripped of secrets) to the history and saves the file.
    public func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        wps_history_enter(history, line)
        if let historyPath { _ = wps_history_save(history, historyPath) }
    }

    /// Rewrites every line of the history (oldest first, as loaded and typed) with `transform`
    /// and saves the file: how a session masks an earlier line once a later one shows it held a
    /// secret (`let p = "…"`, then `--password $p`).
    public func rewriteHistory(_ transform: (String) -> String) {
        var newestFirst: [String] = []
        var entry = wps_history_first(history)
        while let text = entry {
            newestFirst.append(String(cString: text))
            entry = wps_history_next(history)
        }
        let rewritten = newestFirst.reversed().map(transform)
        guard rewritten != Array(newestFirst.reversed()) else { return }
        wps_history_clear(history)
        for line in rewritten { wps_history_enter(history, line) }
        if let historyPath { _ = wps_history_save(history, historyPath) }
    }

    /// The Tab key: insert the single candidate, or the candidates' common prefix, or list them.
    func completeAtCursor() -> UInt8 {
        guard let info = el_line(editLine)?.pointee, let buffer = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        let length = buffer.distance(to: cursor)
        let before = String(
            decoding: UnsafeBufferPointer(
                start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: length), as: UTF8.self)
        let found = complete(before)
        let word = String(decoding: Array(before.utf8.suffix(found.wordLength)), as: UTF8.self)
        guard !found.candidates.isEmpty else { return UInt8(CC_ERROR) }
        if found.candidates.count == 1, let only = found.candidates.first {
            let ending = only.hasSuffix("/") || only.hasSuffix(".") || only.hasSuffix("{{") ? "" : " "
            insert(String(decoding: Array(only.utf8.dropFirst(word.utf8.count)), as: UTF8.self), ending)
            return UInt8(CC_REFRESH)
        }
        let common = Self.commonPrefix(found.candidates)
        if common.utf8.count > word.utf8.count {
            insert(String(decoding: Array(common.utf8.dropFirst(word.utf8.count)), as: UTF8.self), "")
            return UInt8(CC_REFRESH)
        }
        let shown = found.candidates.map { candidate in
            found.labels[candidate].map { "\(candidate) (\($0))" } ?? candidate
        }
        print("\n" + Self.columns(shown, width: Self.terminalColumns()))
        return UInt8(CC_REDISPLAY)
    }

    func insert(_ text: String, _ ending: String) {
        _ = (text + ending).withCString { el_insertstr(editLine, $0) }
    }

    /// The longest prefix all candidates share.
    public static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// The width of the terminal the editor draws on (its output), 80 when it cannot be asked.
    public static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// Candidates laid out in columns that fit `width`, read down each column as `ls` does; a
    /// candidate wider than the terminal is cut with `…`, so no line wraps.
    public static func columns(_ candidates: [String], width: Int) -> String {
        let limit = max(width - 1, 8)
        let fitted = candidates.map { $0.count > limit ? String($0.prefix(limit - 1)) + "…" : $0 }
        let cell = min((fitted.map(\.count).max() ?? 0) + 2, limit)
        let perRow = max(1, (limit + 2) / max(cell, 1))
        let rows = (fitted.count + perRow - 1) / perRow
        var lines: [String] = []
        for row in 0..<rows {
            let cells = stride(from: row, to: fitted.count, by: rows).map { fitted[$0] }
            lines.append(cells.map { $0.padding(to: cell) }.joined().trimmingTrailing())
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
    fileprivate func trimmingTrailing() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
