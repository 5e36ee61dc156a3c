import WPSLanguage

/// `open FILE [--raw]`: a CSV, JSON, NDJSON or YAML file read into values.
enum OpenCommand {
    static let file = Positional<String>("file", .file, read: .word)
    static let raw = Flag<Bool>("raw", "keep every CSV field as text (ids with leading zeros are kept anyway)")

    static let definition = CommandDefinition(
        ["open"], "Read a CSV, JSON, NDJSON or YAML file into values (CSV integers as numbers).", category: .filter,
        positionals: [file], flags: [raw], tests: ["FileCommandTests.saveAndOpenRoundTripEveryFormat"]
    ) { invocation, _ in
        let path = try invocation.required(file)
        do throws(RuntimeError) {
            return try ValueReader.read(path, rawCSV: invocation[raw] == true)
        } catch {
            throw RuntimeError(error.message, at: invocation.command.range)
        }
    }
}
