import OutreachAPI
import WPSLanguage

/// `inbox reply MESSAGE_ID --message @FILE|TEXT [--subject S] [--to A] [--cc A] [--bcc A]
/// [--mailbox ID] [--quote]`: answers one reply through a connected mailbox (by default the one
/// that received it, to its author, with `Re:` and its subject). A write: under `--dry-run` it is
/// shown, not sent.
enum InboxReplyCommand {
    static let id = Positional<Int>("message_id", .integer, what: "the MESSAGE_ID", read: .integer)
    static let message = Flag<String>(
        "message", .string, "the reply: HTML text, @reply.html, or @reply.md (Markdown)", required: true,
        fields: ["html"], read: .messageBody)
    static let subject = Flag<String>(
        "subject", .string, "the subject (default: Re: and the original's)", fields: ["subject"])
    static let to = Flag<String>(
        "to", .string, "recipient addresses separated by commas (default: the original's author)", fields: ["to"])
    static let cc = Flag<String>("cc", .string, "CC addresses separated by commas", fields: ["cc"])
    static let bcc = Flag<String>(
        "bcc", .string, "BCC addresses separated by commas (default: the mailbox's own BCC)", fields: ["bcc"])
    static let mailbox = Flag<Int>(
        "mailbox", .mailboxID, "the SMTP mailbox to send from (default: the one that received the original)",
        fields: ["mailbox_id"], read: .integer)
    static let quote = Flag<Bool>(
        "quote", "quote the original message under the reply", fields: ["quote_original_message"])

    static let definition = CommandDefinition(
        ["inbox", "reply"], "Answer a prospect's reply from the inbox.", category: .api,
        discussion: """
            Sends POST inbox/messages/MESSAGE_ID/reply with body.html from --message; Woodpecker threads the \
            reply and marks the original read. Addresses are checked before anything is sent. Returns \
            {id, status: sent} with the fields given.
            """,
        positionals: [id], flags: [message, subject, to, cc, bcc, mailbox, quote],
        examples: [
            #"inbox list --interest INTERESTED --all | where read == false | each { inbox reply $it.id --message "<p>Great, how is Tuesday at 10?</p>" }"#
        ],
        sends: ["POST inbox/messages/{id}/reply"],
        tests: ["e2e:test_inbox.py::test_inbox_reply_is_recorded_and_refused_without_a_body"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let messageID = try invocation.required(id)
        let reply = InboxReply(
            html: try invocation.required(message), mailbox_id: invocation[mailbox], to: invocation[to],
            cc: invocation[cc], bcc: invocation[bcc], subject: invocation[subject],
            quote_original_message: invocation[quote])
        _ = try await session.connection.send(
            Woodpecker.ReplyToInboxMessage(messageID: messageID, reply), for: invocation.command)
        var record: Record = ["id": .int(messageID), "status": .string("sent")]
        if let value = reply.mailbox_id { record["mailbox_id"] = .int(value) }
        for (name, value) in [("to", reply.to), ("cc", reply.cc), ("bcc", reply.bcc), ("subject", reply.subject)] {
            if let value { record[name] = .string(value) }
        }
        return .record(record)
    }
}
