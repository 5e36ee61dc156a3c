// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "wps",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wps", targets: ["wps"]),
        .executable(name: "wps-mcp", targets: ["wps-mcp"]),
        .library(name: "OutreachAPI", targets: ["OutreachAPI"]),
        .library(name: "Sandbox", targets: ["Sandbox"]),
        .library(name: "WPSLanguage", targets: ["WPSLanguage"]),
        .library(name: "WPSRuntime", targets: ["WPSRuntime"]),
        .library(name: "Preflight", targets: ["Preflight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        .target(
            name: "OutreachAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        /// Sets the concurrency runtime's global-executor hook where `dlsym` cannot reach it.
        .target(name: "CExecutorHook"),
        .target(
            name: "Sandbox",
            dependencies: [
                "OutreachAPI", "CExecutorHook",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(name: "WPSLanguage"),
        /// SMTP and IMAP login dialogues over SwiftNIO and NIOSSL (`mailbox verify`).
        .target(
            name: "Preflight",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "LineEditor", dependencies: ["CEditLine"]),
        .systemLibrary(name: "CResolv"),
        .target(
            name: "DomainCheck",
            dependencies: ["CResolv", .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .target(
            name: "WPSRuntime",
            dependencies: [
                "WPSLanguage", "OutreachAPI", "DomainCheck", "Preflight", .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Ink", package: "Ink"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(name: "WPSHost", dependencies: ["OutreachAPI", "Sandbox", "WPSRuntime"]),
        .target(
            name: "WPSMCP",
            dependencies: [
                "OutreachAPI", "Sandbox", "WPSRuntime", "WPSHost", "WPSLanguage",
                .product(name: "MCP", package: "swift-sdk"), .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "TranscriptTests",
            dependencies: ["WPSHost", "WPSRuntime", "WPSLanguage", "OutreachAPI"],
            resources: [.copy("Transcripts")]),
        .testTarget(
            name: "WPSRuntimeTests",
            dependencies: [
                "WPSRuntime", "WPSLanguage", "OutreachAPI", "Preflight", .product(name: "CSV", package: "CSV.swift"),
            ]),
        .testTarget(
            name: "WPSMCPTests",
            dependencies: [
                "WPSMCP", "WPSRuntime", "WPSHost", "WPSLanguage", "OutreachAPI",
                .product(name: "MCP", package: "swift-sdk"),
            ]),
        .testTarget(name: "WPSLanguageTests", dependencies: ["WPSLanguage", "WPSRuntime"]),
        .testTarget(name: "DomainCheckTests", dependencies: ["DomainCheck", "OutreachAPI", "TestSupport"]),
        .testTarget(name: "PreflightTests", dependencies: ["Preflight"]),
        .executableTarget(
            name: "wps",
            dependencies: [
                "OutreachAPI",
                "Sandbox",
                "WPSLanguage",
                "WPSRuntime",
                "WPSHost",
                "LineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// `wps mcp`'s server, a program of its own: the MCP SDK stays out of `wps`'s start-up.
        .executableTarget(
            name: "wps-mcp",
            dependencies: [
                "OutreachAPI", "WPSHost", "WPSRuntime", "WPSMCP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "OutreachAPITests",
            dependencies: ["OutreachAPI"],
            resources: [.copy("Fixtures")]
        ),
        /// What every test target shares: the sandbox harness, condition waits, fixtures.
        .target(name: "TestSupport", dependencies: ["OutreachAPI", "Sandbox"], path: "Tests/TestSupport"),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["OutreachAPI", "Sandbox", "TestSupport"]
        ),
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "Sandbox",
                "OutreachAPI",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
