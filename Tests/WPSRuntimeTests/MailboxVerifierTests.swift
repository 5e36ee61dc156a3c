import Foundation
import Preflight
import Testing

@testable import WPSRuntime

/// `mailbox verify`'s bounds and records, without a network: the per-host slots, the verdict a
/// mailbox comes to, and the summary line.
@Suite struct MailboxVerifierTests {
    /// Counts bodies running at once and holds them until opened; waits are on conditions.
    actor Gauge {
        private(set) var running = 0
        private(set) var most = 0
        private(set) var total = 0
        private var isOpen = false
        private var held: [CheckedContinuation<Void, Never>] = []
        private var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

        /// Counts the body in, and holds it until ``open()``.
        func enter() async {
            running += 1
            total += 1
            most = max(most, running)
            watchers.removeAll { watcher in
                guard running >= watcher.count else { return false }
                watcher.continuation.resume()
                return true
            }
            if !isOpen { await withCheckedContinuation { held.append($0) } }
        }

        func leave() { running -= 1 }

        func open() {
            isOpen = true
            for body in held { body.resume() }
            held.removeAll()
        }

        /// Returns once `count` bodies run at once.
        func untilRunning(_ count: Int) async {
            if running >= count { return }
            await withCheckedContinuation { watchers.append((count, $0)) }
        }
    }

    @Test func oneHostGetsAtMostItsSlotsWhateverTheCaseAndOthersAreNotHeldUp() async {
        let slots = HostSlots(limit: 2)
        let gauge = Gauge()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    await slots.withSlot(index.isMultiple(of: 2) ? "smtp.example.com" : "SMTP.Example.com") {
                        await gauge.enter()
                        await gauge.leave()
                    }
                }
            }
            await gauge.untilRunning(2)
            // Both slots of the one host are held: another host's task still runs, and ends.
            #expect(await slots.withSlot("imap.example.com") { 1 } == 1)
            #expect(await gauge.running == 2)
            await gauge.open()
        }
        #expect(await gauge.most <= 2)
        #expect(await gauge.most == 2)
        #expect(await gauge.total == 8)
    }

    @Test func aVerdictPassesOnlyWhenEveryLoginChecked() {
        let ok = LoginOutcome(.ok, "235 ok")
        let refused = LoginOutcome(.authFailed, "535 no", hint: "an app password")
        let passed = MailboxVerdict(line: "2", email: "ann@example.com", smtp: ok, imap: LoginOutcome(.skipped, "none"))
        let failed = MailboxVerdict(line: "3", email: "cy@example.com", smtp: refused, imap: refused)
        #expect(passed.passed && !failed.passed)
        #expect(failed.hint == "an app password")  // said once
        #expect(
            failed.reportRow == [
                "3", "cy@example.com", "auth_failed", "auth_failed", "smtp: 535 no; imap: 535 no", "an app password",
            ])
        #expect(
            MailboxVerifyCommand.summary([passed, failed], of: 3)
                == "verify: 2 mailboxes: 1 ok, 1 failed (imap auth_failed: 1, smtp auth_failed: 1) (stopped: 1 not checked)"
        )
    }
}
