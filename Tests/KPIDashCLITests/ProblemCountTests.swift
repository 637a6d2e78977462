import Foundation
import Testing

@Suite struct ProblemCountTests {
    /// A file's problems beyond the first hundred are summarised in one line, and still counted.
    @Test func theCountsIncludeTheProblemsNotShown() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/extracts", withIntermediateDirectories: true)
        try Data(#"{"authority": "E10000018"}"#.utf8).write(to: URL(fileURLWithPath: root + "/dashboard.json"))
        try Data("id,name,area,unit,polarity\nreferrals,Referrals,First Response,count,neutral\n".utf8)
            .write(to: URL(fileURLWithPath: root + "/indicators.csv"))
        let rows = (1...109).map { "referrals,\($0)%,team \($0)" }.joined(separator: "\n")
        try Data("indicator,value,breakdown\n\(rows)\n".utf8).write(
            to: URL(fileURLWithPath: root + "/extracts/2017-09.csv"))
        let result = kpidash("check", root)
        #expect(result.status == 0)
        #expect(result.err.contains("9 more problems in this file not shown"))
        // 109 percent signs on a count, and the extract being years old.
        #expect(result.err.hasSuffix("\(root): 0 errors, 110 warnings"))
    }
}
