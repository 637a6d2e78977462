import Foundation
import Testing

@Suite struct KillTests {
    /// A build killed at any moment leaves the previously published site whole, and the next build succeeds.
    @Test(.enabled(if: ExternalTool.kpidash.shouldRun, ExternalTool.kpidash.skipped))
    func aKilledBuildLeavesTheOldSiteWhole() throws {
        let binary = try ExternalTool.kpidash.require()
        let work = temporaryDirectory()
        let changed = work + "/changed"
        try FileManager.default.copyItem(atPath: sampleData, toPath: changed)
        let commentary = changed + "/commentary.csv"
        try (try String(contentsOfFile: commentary, encoding: .utf8) + "re_referral_rate,2017-09,Changed.,,,\n")
            .write(toFile: commentary, atomically: true, encoding: .utf8)
        let site = work + "/site"

        func build(_ dataset: String, killAfter delay: UInt32?) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["build", dataset, "--out", site, "--templates", templates]
            process.standardError = FileHandle.nullDevice
            try process.run()
            if let delay {
                usleep(delay)
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
        }

        // The quality page says what changed since the last build, so the two states to expect
        // are each taken after a build of the other.
        try build(changed, killAfter: nil)
        try build(sampleData, killAfter: nil)
        let original = snapshot(site)
        try build(changed, killAfter: nil)
        let updated = snapshot(site)
        #expect(original != updated)
        try build(sampleData, killAfter: nil)
        #expect(snapshot(site) == original)

        var generator = SystemRandomNumberGenerator()
        var interrupted = 0
        for _ in 0..<25 {
            try build(changed, killAfter: UInt32.random(in: 0...150_000, using: &generator))
            let now = snapshot(site)
            #expect(now == original || now == updated, "the site is neither the old one nor the new one")
            if now == original { interrupted += 1 } else { try build(sampleData, killAfter: nil) }
        }
        try build(changed, killAfter: nil)
        #expect(snapshot(site) == updated)
        #expect(interrupted > 0, "no build was killed before it published; the test proved nothing")
    }
}
