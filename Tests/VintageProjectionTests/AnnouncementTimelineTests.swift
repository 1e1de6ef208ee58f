import PropertyBased
import Testing
import VintageCore
import VintageTestSupport

@testable import VintageFiles
@testable import VintageFolds
@testable import VintageProjection

/// The announcement timeline as the projection persists it (a manifest attachment): what is
/// encoded decodes to the same rows, and damaged bytes are a typed error, never a crash.
@Suite struct AnnouncementTimelineTests {
    /// A random timeline: announcements with and without every optional field, some
    /// corrected (the replacement's row starts where the original's ends), some retracted.
    static func timeline() -> Generator<AnnouncementTimeline, Shrink.None<AnnouncementTimeline>> {
        Generator { rng in
            var timeline = AnnouncementTimeline()
            var seq: Int64 = 0
            var ids: [EventID] = []
            func pick<T>(_ options: [T]) -> T { options.randomElement(using: &rng)! }
            func announcement() -> Announcement {
                let step =
                    Bool.random(using: &rng)
                    ? nil
                    : Announcement.Step(
                        series: SeriesID(unchecked: pick(["us.tariff.kr", "a", "x/y:z"])),
                        effective: try! Period(pick(["2026-02-01", "2026-Q1", "2025-M11", "1969-12-31T23:59:59.5Z"])),
                        value: pick([25, 15.5, -0.0, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 0.1]))
                return Announcement(
                    releasedAt: Timestamp(microseconds: Int64.random(in: -(1 << 50)...(1 << 50), using: &rng)),
                    source: pick([nil, "US President", ""]), kind: pick(["tariff", "note", "ä,\"\n"]),
                    title: pick(["T", "", "US raises tariffs on South Korean goods to 25% from 15%"]),
                    parties: pick([nil, [], ["US", "KR"], ["KR", "", "a;b"]]), text: pick([nil, "", "long text ✓"]),
                    tags: pick([nil, [:], ["g": "1"], ["topic": "autos", "k": ""]]),
                    effective: step == nil && Bool.random(using: &rng) ? try! Period(pick(["2026-03-01", "2026-Q2"])) : nil, step: step)
            }
            for _ in 0..<Int.random(in: 0...30, using: &rng) {
                seq += Int64.random(in: 1...1000, using: &rng)
                switch Int.random(in: 0...3, using: &rng) {
                case 0 where !ids.isEmpty:
                    let target = pick(ids)
                    timeline.withdraw(target, at: seq)
                    timeline.start(announcement(), id: target, correction: EventID(unchecked: "c\(seq)"), at: seq)
                case 1 where !ids.isEmpty:
                    timeline.withdraw(pick(ids), at: seq)
                default:
                    let id =
                        Bool.random(using: &rng)
                        ? EventID(unchecked: "a\(seq)")
                        : EventID(derivedFromContentHash: (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) })
                    ids.append(id)
                    timeline.start(announcement(), id: id, at: seq)
                }
            }
            return timeline
        }
    }

    @Test func aTimelineDecodesToWhatWasEncoded() async throws {
        await propertyCheck(count: 200, input: Self.timeline()) { timeline in
            recordingErrors {
                let bytes = timeline.encoded()
                let decoded = try AnnouncementTimeline(decoding: bytes)
                #expect(decoded == timeline)
                #expect(decoded.encoded() == bytes)
            }
        }
        #expect(try AnnouncementTimeline(decoding: []) == AnnouncementTimeline())
        #expect(try AnnouncementTimeline(decoding: AnnouncementTimeline().encoded()) == AnnouncementTimeline())
    }

    @Test func theTimelineOfAFoldRoundTripsWithCorrectionsAndRetractions() throws {
        let f = try fold(
            """
            {"type":"series","series":"us.tariff.kr"}
            {"type":"announcement","id":"a1","released_at":"2026-01-26T22:00:00Z","source":"US President","kind":"tariff","title":"25%","parties":["US","KR"],"series":"us.tariff.kr","effective":"2026-02-01","value":25,"text":"..."}
            {"type":"announcement","id":"a2","released_at":"2026-01-10T00:00:00Z","kind":"note","title":"talks","tags":{"topic":"autos"}}
            {"type":"correction","id":"c1","target":"a1","replacement":{"type":"announcement","released_at":"2026-01-26T22:00:00Z","kind":"tariff","title":"20%","series":"us.tariff.kr","effective":"2026-02-01","value":20}}
            {"type":"retraction","target":"a2"}
            """)
        let timeline = f.timeline
        #expect(timeline.rows.count == 3)
        #expect(try AnnouncementTimeline(decoding: timeline.encoded()) == timeline)
    }

    /// A timeline holding every kind of field, for the damage tests.
    static func rich() -> AnnouncementTimeline {
        var timeline = AnnouncementTimeline()
        let a = Announcement(
            releasedAt: Timestamp(microseconds: 1_769_464_800_000_000), source: "US President", kind: "tariff", title: "25%",
            parties: ["US", "KR"], text: "t", tags: ["topic": "autos"],
            step: Announcement.Step(series: SeriesID(unchecked: "us.tariff.kr"), effective: try! Period("2026-02-01"), value: 25))
        timeline.start(a, id: EventID(unchecked: "a1"), at: 2)
        timeline.withdraw(EventID(unchecked: "a1"), at: 5)
        timeline.start(a, id: EventID(unchecked: "a1"), correction: EventID(unchecked: "c1"), at: 5)
        timeline.start(Announcement(releasedAt: Timestamp(microseconds: 0), kind: "note", title: "n"), id: EventID(unchecked: "a2"), at: 7)
        return timeline
    }

    @Test func everyTruncationIsReportedAsDamage() {
        let bytes = Self.rich().encoded()
        for length in 1..<bytes.count {
            do throws(ManifestError) {
                _ = try AnnouncementTimeline(decoding: Array(bytes[0..<length]))
                Issue.record("a prefix of \(length) bytes went unnoticed")
            } catch {
                guard case .damaged = error else { Issue.record("prefix of \(length): \(error)"); continue }
            }
        }
    }

    /// The manifest's checksum catches flipped bits before the timeline is decoded; the
    /// decoder itself must still never crash or loop, and what it accepts must be a timeline
    /// it encodes and decodes again unchanged.
    @Test func everySingleBitFlipIsDamageOrAnotherWellFormedTimeline() throws {
        let bytes = Self.rich().encoded()
        var damaged = 0
        for bit in 0..<(bytes.count * 8) {
            var flipped = bytes
            flipped[bit / 8] ^= UInt8(1) << UInt8(bit % 8)
            do throws(ManifestError) {
                let decoded = try AnnouncementTimeline(decoding: flipped)
                #expect(try AnnouncementTimeline(decoding: decoded.encoded()) == decoded, "bit \(bit)")
            } catch {
                guard case .damaged = error else { Issue.record("bit \(bit): \(error)"); continue }
                damaged += 1
            }
        }
        #expect(damaged > bytes.count)
    }

    @Test func randomBytesNeverCrashTheDecoder() async {
        await propertyCheck(count: 500, input: Gen.uint8(in: 0...255).array(of: 0...200)) { bytes in
            do throws(ManifestError) {
                _ = try AnnouncementTimeline(decoding: [AnnouncementTimeline.formatVersion] + bytes)
            } catch {
                guard case .damaged = error else { Issue.record("\(error)"); return }
            }
        }
    }

    @Test func anotherFormatIsRefusedAsSuch() {
        var bytes = Self.rich().encoded()
        bytes[0] = AnnouncementTimeline.formatVersion + 1
        do throws(ManifestError) {
            _ = try AnnouncementTimeline(decoding: bytes)
            Issue.record("a newer format went unnoticed")
        } catch {
            #expect("\(error)".contains("newer"))
        }
    }

    @Test func aDamagedTimelineInTheManifestIsATypedErrorOfTheProjection() throws {
        try withScratchDirectory { store in
            let directory = try ProjectionDirectory.open(inStore: store)
            var bytes = Self.rich().encoded()
            bytes.removeLast()
            try directory.commit(ProjectionManifest(logSeq: 7, attachments: ["announcements": .inline(bytes)]))
            // Only what reads the timeline fails: it is decoded on first use.
            var projection = try Projection.open(inStore: store)
            #expect(projection.logSeq == 7)
            do throws(ProjectionError) {
                _ = try projection.announcements()
                Issue.record("a damaged timeline went unnoticed")
            } catch {
                guard case .manifest(let what, .damaged) = error else { Issue.record("\(error)"); return }
                #expect(what == "announcement timeline")
            }
        }
    }
}
