import Foundation

/// `wps mcp …`: replaces this process with `wps-mcp`, the MCP server installed beside `wps`.
///
/// The server is a program of its own so that the MCP SDK and what it links (FoundationNetworking,
/// libcurl, GnuTLS, Kerberos, LDAP) are loaded only by `wps mcp`, not by every `wps -c` call.
enum MCPLauncher {
    /// The name of the server program, looked up beside the running `wps`.
    static let programName = "wps-mcp"

    /// Execs `wps-mcp` with `arguments`; returns only if it cannot, after saying why (exit 2).
    static func exec(_ arguments: [String]) -> Never {
        let program = serverPath()
        guard FileManager.default.isExecutableFile(atPath: program) else {
            FileHandle.standardError.write(
                Data(
                    """
                    wps mcp: the MCP server is the program \(programName), expected beside wps at \(program); \
                    build it with `swift build --product \(programName)` (scripts/wps and scripts/test build both) \
                    or copy it next to wps

                    """.utf8))
            exit(2)
        }
        let argv = ([programName] + arguments).map { strdup($0) } + [nil]
        execv(program, argv)
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("wps mcp: cannot start \(program): \(reason)\n".utf8))
        exit(2)
    }

    /// `wps-mcp` in the folder of the running executable (symbolic links resolved).
    static func serverPath() -> String {
        let running =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        let folder = (URL(fileURLWithPath: running).resolvingSymlinksInPath().path as NSString)
            .deletingLastPathComponent
        return folder + "/" + programName
    }
}
