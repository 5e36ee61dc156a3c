import Testing

@testable import OutreachAPI

@Suite struct ValidationCampaignTests {
    static func version(_ subject: String?) -> EmailVersion {
        EmailVersion(subject: subject, message: "<p>Hi</p>", signature: .sender, track_opens: true)
    }
    static let window = DeliveryTime([.monday: [TimeWindow(from: "08:00", to: "18:00")]])
    static func step(
        _ versions: [EmailVersion], window: DeliveryTime = window, after: FollowupAfter? = nil, next: Step? = nil
    ) -> Step {
        Step.email(versions: versions, deliveryTime: window, followupAfter: after, followup: next)
    }
    static let draft = CampaignDraft(
        name: "Q4", email_account_ids: [1, 2], settings: CampaignSettings(timezone: "Europe/Berlin", daily_enroll: 50),
        steps: .start(step([version("Hi")], next: step([version(nil)]))))

    func problems(_ change: (inout CampaignDraft) -> Void) -> [String] {
        var draft = Self.draft
        change(&draft)
        return Validation.campaignDraft(draft).map(\.description)
    }

    @Test func theBaseDraftIsValid() { #expect(problems { _ in } == []) }

    @Test func requiredTopLevelFields() {
        #expect(
            Validation.campaignDraft(CampaignDraft()).map(\.description) == [
                "email_account_ids: must be provided", "settings: must be provided", "steps: must be provided",
            ])
        #expect(
            problems { $0.email_account_ids = [] } == ["email_account_ids: must hold at least one email account id"])
        #expect(
            problems { $0.email_account_ids = [1, 1, -3] } == [
                "email_account_ids[2]: must be a positive id, got -3",
                "email_account_ids[1]: duplicates email_account_ids[0]",
            ])
        #expect(
            problems { $0.settings = CampaignSettings(timezone: "Europe/Atlantis", daily_enroll: 0) } == [
                "settings.timezone: must be an IANA time zone such as Europe/Berlin, got Europe/Atlantis",
                "settings.daily_enroll: must be greater than 0, got 0",
            ])
        #expect(
            problems { $0.settings = CampaignSettings() } == [
                "settings.timezone: must be provided", "settings.daily_enroll: must be provided",
            ])
    }

    @Test func theTreeStartsWithStartAndAnEmailStep() {
        #expect(
            problems { $0.steps = Step(type: .start) } == [
                "steps.followup: must be provided: START is followed by the first EMAIL step"
            ])
        #expect(
            problems { $0.steps = Self.step([Self.version("x")]) }.first
                == "steps.type: must be START: the root step is always START, got EMAIL")
        #expect(
            problems { $0.steps = .start(.start(Self.step([Self.version("x")]))) }.first
                == "steps.followup.type: must be EMAIL: START can only be the root step")
    }

    @Test func subjectRules() {
        #expect(
            problems { $0.steps = .start(Self.step([Self.version(nil)])) } == [
                "steps.followup.body.versions[0].subject: is required on the first EMAIL step of a path"
            ])
        #expect(
            problems { $0.steps = .start(Self.step([Self.version(" ")])) } == [
                "steps.followup.body.versions[0].subject: is required on the first EMAIL step of a path"
            ])
        // A later step may omit the subject (same thread), unless it has several versions.
        #expect(
            problems {
                $0.steps = .start(
                    Self.step([Self.version("a")], next: Self.step([Self.version("b"), Self.version(nil)])))
            } == [
                "steps.followup.followup.body.versions[1].subject: is required on every version when a step has several"
            ])
    }

    @Test func versionRules() {
        #expect(
            problems { $0.steps = .start(Self.step([])) } == [
                "steps.followup.body.versions: must have 1…5 versions, got 0"
            ])
        #expect(
            problems { $0.steps = .start(Self.step(Array(repeating: Self.version("s"), count: 6))) } == [
                "steps.followup.body.versions: must have 1…5 versions, got 6"
            ])
        let bad = EmailVersion(subject: "s", message: "", signature: "FANCY", track_opens: nil)
        #expect(
            problems { $0.steps = .start(Self.step([bad])) } == [
                "steps.followup.body.versions[0].message: must not be blank",
                "steps.followup.body.versions[0].signature: must be SENDER or NO_SIGNATURE, got FANCY",
                "steps.followup.body.versions[0].track_opens: must be provided",
            ])
        #expect(Validation.versionPatch(VersionPatch(subject: "", message: "")) == [])
        #expect(
            Validation.versionPatch(VersionPatch(signature: "CUSTOM")).map(\.description) == [
                "signature: must be SENDER or NO_SIGNATURE, got CUSTOM"
            ])
    }

    @Test func followupAfterRules() {
        #expect(
            problems {
                $0.steps = .start(Self.step([Self.version("a")], after: FollowupAfter(range: "WEEK", value: 10_000)))
            } == [
                "steps.followup.followup_after.range: must be DAY or HOUR, got WEEK",
                "steps.followup.followup_after.value: must be in 1…9999, got 10000",
            ])
        #expect(
            problems {
                $0.steps = .start(Self.step([Self.version("a")], after: FollowupAfter(range: .hour, value: 13)))
            } == [])
    }

    @Test(arguments: [
        (
            [TimeWindow(from: "08:00", to: "12:00"), TimeWindow(from: "11:00", to: "13:00")],
            ["MONDAY[1]: overlaps 08:00–12:00"]
        ),
        ([TimeWindow(from: "08:00", to: "12:00"), TimeWindow(from: "12:00", to: "13:00")], []),
        ([TimeWindow(from: "00:00", to: "00:00")], []),
        ([TimeWindow(from: "00:00", to: "24:00")], []),
        ([TimeWindow(from: "18:00", to: "08:00")], ["MONDAY[0]: from must be earlier than to, got 18:00–08:00"]),
        (
            [TimeWindow(from: "8:00", to: "25:00")],
            [
                "MONDAY[0].from: must be a time HH:mm such as 08:00, got 8:00",
                "MONDAY[0].to: must be a time HH:mm such as 18:00, got 25:00",
            ]
        ),
        ([TimeWindow(from: "24:00", to: "24:00")], ["MONDAY[0].from: must be a time HH:mm such as 08:00, got 24:00"]),
        (
            [TimeWindow(from: "00:00", to: "00:00"), TimeWindow(from: "09:00", to: "10:00")],
            ["MONDAY[1]: overlaps 00:00–00:00"]
        ),
    ])
    func windows(_ windows: [TimeWindow], expected: [String]) {
        let result = Validation.deliveryTime(DeliveryTime([.monday: windows]), path: "d").map(\.description)
        #expect(result == expected.map { "d." + $0 })
    }

    @Test func deliveryTimeNeedsAnIntervalAndRealDays() {
        #expect(
            Validation.deliveryTime(DeliveryTime(), path: "d").map(\.description) == [
                "d: must define at least one interval"
            ])
        #expect(
            Validation.deliveryTime(
                DeliveryTime([
                    "FUNDAY": [TimeWindow(from: "08:00", to: "09:00")],
                    .friday: [TimeWindow(from: "08:00", to: "09:00")],
                ]), path: "d"
            ).map(\.description) == [
                "d.FUNDAY: is not a day of the week: use MONDAY…SUNDAY"
            ])
    }

    @Test func patchAndNewStepRules() {
        #expect(Validation.campaignPatch(CampaignPatch()) == [])
        #expect(Validation.campaignPatch(CampaignPatch(name: "", email_account_ids: [])) == [])
        #expect(
            Validation.campaignPatch(CampaignPatch(settings: CampaignSettings(timezone: "Berlin", daily_enroll: -1)))
                .map(\.description) == [
                    "settings.timezone: must be an IANA time zone such as Europe/Berlin, got Berlin",
                    "settings.daily_enroll: must be greater than 0, got -1",
                ])
        let parent = "9e8e8ebb-c9e1-4b8f-be37-a5542513dbee"
        #expect(Validation.newStep(NewStepRequest(parent_id: parent, step: Self.step([Self.version(nil)]))) == [])
        #expect(
            Validation.newStep(NewStepRequest(parent_id: "nope", step: nil)).map(\.description) == [
                "parent_id: must be a step id (a UUID), got nope", "step: must be provided",
            ])
        #expect(
            Validation.newStep(NewStepRequest(parent_id: parent, step: Step(type: .start))).first?.description
                == "step.type: must be EMAIL: START can only be the root step")
    }
}

@Suite struct ValidationFormatTests {
    @Test(arguments: [
        "a@example.com", "first.last+tag@sub.example.co.uk", "o'brien@example.ie", "x@xn--80ak6aa92e.com",
    ])
    func validEmails(_ email: String) { #expect(Validation.isValidEmail(email)) }

    @Test(arguments: [
        "", "a", "a@", "@example.com", "a@@example.com", "a b@example.com", ".a@example.com", "a..b@example.com",
        "a@example", "a@-x.com",
    ])
    func invalidEmails(_ email: String) { #expect(!Validation.isValidEmail(email)) }

    @Test(arguments: ["track.example.com", "example.io", "a-b.example.travel"])
    func validDomains(_ domain: String) { #expect(Validation.isValidDomain(domain)) }

    @Test(arguments: [
        "example", "-a.com", "a-.com", "a..com", "http://x.com", "x.c", "x.123",
        String(repeating: "a", count: 64) + ".com",
    ])
    func invalidDomains(_ domain: String) { #expect(!Validation.isValidDomain(domain)) }

    @Test func timeZones() {
        for zone in ["Europe/Berlin", "Africa/Abidjan", "Pacific/Pago_Pago", "America/Argentina/Buenos_Aires", "UTC"] {
            #expect(Validation.isKnownTimeZone(zone), "\(zone)")
        }
        for zone in ["Berlin", "europe/berlin", "Mars/Olympus", "", "posix/Europe/Berlin"] {
            #expect(!Validation.isKnownTimeZone(zone), "\(zone)")
        }
        #expect(Validation.timeZoneIdentifiers.count > 400)
    }

    @Test func timesAndUUIDs() {
        #expect(Validation.minutes(ofTime: "08:30") == 510)
        #expect(Validation.minutes(ofTime: "24:00") == nil)
        #expect(Validation.minutes(ofTime: "24:00", allow24: true) == 1440)
        #expect(Validation.minutes(ofTime: "23:60") == nil)
        #expect(Validation.isUUID("286f0242-00d6-4572-a4be-e4414ac589ed"))
        #expect(!Validation.isUUID("286f0242-00d6-4572-a4be-e4414ac589eg"))
    }
}
