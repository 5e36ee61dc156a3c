import WPSLanguage

/// Every command a script would run, however deeply nested (blocks, `$(…)`, interpolations), and
/// whether it reads other files (`source`), which cannot be checked before it runs.
struct CommandWalker {
    private(set) var commands: [Command] = []
    private(set) var sourcesFiles = false

    init(_ script: Script) {
        for statement in script.statements { visit(statement) }
    }

    private mutating func visit(_ statement: Statement) {
        switch statement {
        case .pipeline(let pipeline): visit(pipeline)
        case .assignment(_, let pipeline, _), .update(_, let pipeline, _): visit(pipeline)
        case .forLoop(_, let sequence, let body, _):
            visit(sequence)
            visit(body)
        case .conditional(let condition, let then, let otherwise, _):
            visit(condition)
            visit(then)
            if let otherwise { visit(otherwise) }
        case .attempt(let body, let recovery, _):
            visit(body)
            if let recovery { visit(recovery) }
        case .source(let path, _):
            sourcesFiles = true
            visit(path)
        }
    }

    private mutating func visit(_ block: Block) {
        for statement in block.statements { visit(statement) }
    }

    private mutating func visit(_ pipeline: Pipeline) {
        if let input = pipeline.input { visit(input) }
        if let redirect = pipeline.redirect { visit(redirect) }
        for command in pipeline.stages {
            commands.append(command)
            for argument in command.arguments {
                switch argument {
                case .positional(let value): visit(value)
                case .flag(_, let value, _): if let value { visit(value) }
                }
            }
        }
    }

    private mutating func visit(_ expression: WPSLanguage.Expression) {
        switch expression {
        case .word, .literal, .variable, .fileReference: break
        case .string(let parts, _):
            for case .pipeline(let pipeline) in parts { visit(pipeline) }
        case .list(let items, _): for item in items { visit(item) }
        case .subpipeline(let pipeline, _): visit(pipeline)
        case .block(let block): visit(block)
        case .binary(_, let lhs, let rhs, _):
            visit(lhs)
            visit(rhs)
        case .unary(_, let operand, _): visit(operand)
        }
    }
}
