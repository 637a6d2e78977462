import Foundation
import Toolkit

/// An upper-tier English authority with children's services, as the generator models it.
struct GeneratedAuthority {
    let code: String
    let name: String
    let region: String
    /// Children aged 0 to 17, in tens of thousands: counts scale with it and small authorities are noisier.
    let childrenPer10k: Double
    /// Relative deprivation (a z-score): drives rates and picks statistical neighbours.
    let need: Double
}

enum AuthorityList {
    /// The 153 authorities of DfE's children's-services tables since April 2023, with ONS's GSS codes
    /// and names (commas included: "Bristol, City of") and the English region each sits in.
    static let england: [(code: String, name: String, region: String)] = [
        ("E06000001", "Hartlepool", northEast), ("E06000002", "Middlesbrough", northEast),
        ("E06000003", "Redcar and Cleveland", northEast), ("E06000004", "Stockton-on-Tees", northEast),
        ("E06000005", "Darlington", northEast), ("E06000006", "Halton", northWest),
        ("E06000007", "Warrington", northWest), ("E06000008", "Blackburn with Darwen", northWest),
        ("E06000009", "Blackpool", northWest), ("E06000010", "Kingston upon Hull, City of", yorkshire),
        ("E06000011", "East Riding of Yorkshire", yorkshire), ("E06000012", "North East Lincolnshire", yorkshire),
        ("E06000013", "North Lincolnshire", yorkshire), ("E06000014", "York", yorkshire),
        ("E06000015", "Derby", eastMidlands), ("E06000016", "Leicester", eastMidlands),
        ("E06000017", "Rutland", eastMidlands), ("E06000018", "Nottingham", eastMidlands),
        ("E06000019", "Herefordshire, County of", westMidlands), ("E06000020", "Telford and Wrekin", westMidlands),
        ("E06000021", "Stoke-on-Trent", westMidlands), ("E06000022", "Bath and North East Somerset", southWest),
        ("E06000023", "Bristol, City of", southWest), ("E06000024", "North Somerset", southWest),
        ("E06000025", "South Gloucestershire", southWest), ("E06000026", "Plymouth", southWest),
        ("E06000027", "Torbay", southWest), ("E06000030", "Swindon", southWest),
        ("E06000031", "Peterborough", east), ("E06000032", "Luton", east),
        ("E06000033", "Southend-on-Sea", east), ("E06000034", "Thurrock", east),
        ("E06000035", "Medway", southEast), ("E06000036", "Bracknell Forest", southEast),
        ("E06000037", "West Berkshire", southEast), ("E06000038", "Reading", southEast),
        ("E06000039", "Slough", southEast), ("E06000040", "Windsor and Maidenhead", southEast),
        ("E06000041", "Wokingham", southEast), ("E06000042", "Milton Keynes", southEast),
        ("E06000043", "Brighton and Hove", southEast), ("E06000044", "Portsmouth", southEast),
        ("E06000045", "Southampton", southEast), ("E06000046", "Isle of Wight", southEast),
        ("E06000047", "County Durham", northEast), ("E06000049", "Cheshire East", northWest),
        ("E06000050", "Cheshire West and Chester", northWest), ("E06000051", "Shropshire", westMidlands),
        ("E06000052", "Cornwall", southWest), ("E06000053", "Isles of Scilly", southWest),
        ("E06000054", "Wiltshire", southWest), ("E06000055", "Bedford", east),
        ("E06000056", "Central Bedfordshire", east), ("E06000057", "Northumberland", northEast),
        ("E06000058", "Bournemouth, Christchurch and Poole", southWest), ("E06000059", "Dorset", southWest),
        ("E06000060", "Buckinghamshire", southEast), ("E06000061", "North Northamptonshire", eastMidlands),
        ("E06000062", "West Northamptonshire", eastMidlands), ("E06000063", "Cumberland", northWest),
        ("E06000064", "Westmorland and Furness", northWest), ("E06000065", "North Yorkshire", yorkshire),
        ("E06000066", "Somerset", southWest),
        ("E08000001", "Bolton", northWest), ("E08000002", "Bury", northWest),
        ("E08000003", "Manchester", northWest), ("E08000004", "Oldham", northWest),
        ("E08000005", "Rochdale", northWest), ("E08000006", "Salford", northWest),
        ("E08000007", "Stockport", northWest), ("E08000008", "Tameside", northWest),
        ("E08000009", "Trafford", northWest), ("E08000010", "Wigan", northWest),
        ("E08000011", "Knowsley", northWest), ("E08000012", "Liverpool", northWest),
        ("E08000013", "St. Helens", northWest), ("E08000014", "Sefton", northWest),
        ("E08000015", "Wirral", northWest), ("E08000016", "Barnsley", yorkshire),
        ("E08000017", "Doncaster", yorkshire), ("E08000018", "Rotherham", yorkshire),
        ("E08000019", "Sheffield", yorkshire), ("E08000021", "Newcastle upon Tyne", northEast),
        ("E08000022", "North Tyneside", northEast), ("E08000023", "South Tyneside", northEast),
        ("E08000024", "Sunderland", northEast), ("E08000025", "Birmingham", westMidlands),
        ("E08000026", "Coventry", westMidlands), ("E08000027", "Dudley", westMidlands),
        ("E08000028", "Sandwell", westMidlands), ("E08000029", "Solihull", westMidlands),
        ("E08000030", "Walsall", westMidlands), ("E08000031", "Wolverhampton", westMidlands),
        ("E08000032", "Bradford", yorkshire), ("E08000033", "Calderdale", yorkshire),
        ("E08000034", "Kirklees", yorkshire), ("E08000035", "Leeds", yorkshire),
        ("E08000036", "Wakefield", yorkshire), ("E08000037", "Gateshead", northEast),
        ("E09000001", "City of London", london), ("E09000002", "Barking and Dagenham", london),
        ("E09000003", "Barnet", london), ("E09000004", "Bexley", london),
        ("E09000005", "Brent", london), ("E09000006", "Bromley", london),
        ("E09000007", "Camden", london), ("E09000008", "Croydon", london),
        ("E09000009", "Ealing", london), ("E09000010", "Enfield", london),
        ("E09000011", "Greenwich", london), ("E09000012", "Hackney", london),
        ("E09000013", "Hammersmith and Fulham", london), ("E09000014", "Haringey", london),
        ("E09000015", "Harrow", london), ("E09000016", "Havering", london),
        ("E09000017", "Hillingdon", london), ("E09000018", "Hounslow", london),
        ("E09000019", "Islington", london), ("E09000020", "Kensington and Chelsea", london),
        ("E09000021", "Kingston upon Thames", london), ("E09000022", "Lambeth", london),
        ("E09000023", "Lewisham", london), ("E09000024", "Merton", london),
        ("E09000025", "Newham", london), ("E09000026", "Redbridge", london),
        ("E09000027", "Richmond upon Thames", london), ("E09000028", "Southwark", london),
        ("E09000029", "Sutton", london), ("E09000030", "Tower Hamlets", london),
        ("E09000031", "Waltham Forest", london), ("E09000032", "Wandsworth", london),
        ("E09000033", "Westminster", london),
        ("E10000003", "Cambridgeshire", east), ("E10000007", "Derbyshire", eastMidlands),
        ("E10000008", "Devon", southWest), ("E10000011", "East Sussex", southEast),
        ("E10000012", "Essex", east), ("E10000013", "Gloucestershire", southWest),
        ("E10000014", "Hampshire", southEast), ("E10000015", "Hertfordshire", east),
        ("E10000016", "Kent", southEast), ("E10000017", "Lancashire", northWest),
        ("E10000018", "Leicestershire", eastMidlands), ("E10000019", "Lincolnshire", eastMidlands),
        ("E10000020", "Norfolk", east), ("E10000024", "Nottinghamshire", eastMidlands),
        ("E10000025", "Oxfordshire", southEast), ("E10000028", "Staffordshire", westMidlands),
        ("E10000029", "Suffolk", east), ("E10000030", "Surrey", southEast),
        ("E10000031", "Warwickshire", westMidlands), ("E10000032", "West Sussex", southEast),
        ("E10000034", "Worcestershire", westMidlands),
    ]

    static let northEast = "North East", northWest = "North West", yorkshire = "Yorkshire and The Humber"
    static let eastMidlands = "East Midlands", westMidlands = "West Midlands", east = "East of England"
    static let london = "London", southEast = "South East", southWest = "South West"
    static let regions = [
        northEast, northWest, yorkshire, eastMidlands, westMidlands, east, london, southEast, southWest,
    ]

    /// `count` authorities: an even spread over the real list (so a small run still mixes
    /// counties, boroughs and unitaries), then made-up unitaries beyond 153.
    static func generate(count: Int, seed: UInt64) -> [GeneratedAuthority] {
        var chosen: [(code: String, name: String, region: String)] = []
        let real = min(count, england.count)
        for position in 0..<real {
            chosen.append(england[position * england.count / real])
        }
        for extra in 0..<max(0, count - england.count) {
            let number = extra + 1
            // Every fifth made-up name carries a comma, as ONS writes "Bristol, City of".
            let name = number % 5 == 0 ? "Newtown \(number), Borough of" : "Synthetic Unitary \(number)"
            chosen.append((code: "E06" + String(900_000 + number), name: name, region: regions[extra % regions.count]))
        }
        return chosen.map { entry in
            var random = SplitMix64(seed: seed, stream: "authority", entry.code)
            return GeneratedAuthority(
                code: entry.code, name: entry.name, region: entry.region,
                childrenPer10k: childPopulation(entry.code, &random),
                need: random.normal())
        }
    }

    /// Counties are large, London boroughs and unitaries middling; two authorities are tiny in fact.
    private static func childPopulation(_ code: String, _ random: inout SplitMix64) -> Double {
        switch code {
        case "E09000001": return 0.1  // City of London: about 1,000 children
        case "E06000053": return 0.04  // Isles of Scilly: about 400
        default:
            let typical = code.hasPrefix("E10") ? 20.0 : code.hasPrefix("E08") ? 7.0 : 5.0
            return typical * exp(0.35 * random.normal())
        }
    }
}
