import KPIModel

/// One indicator of the catalogue, with the numbers that shape its made-up series.
struct IndicatorSpec {
    let id: String
    let name: String
    let area: String
    let unit: IndicatorUnit
    let polarity: Polarity
    /// Written to `decimals` only when set, so the catalogue also exercises the unit defaults.
    let explicitDecimals: Int?
    /// Written to `sn_method` only when set, so the default (mean) is exercised too.
    let neighbourMethod: NeighbourMethod?
    let definition: String
    let source: String
    let lead: String
    /// The England level; for counts, per 10,000 children per month, scaled by each authority's size.
    let typical: Double
    /// Standard deviation between authorities.
    let spread: Double
    /// Month-to-month standard deviation within an authority of average size.
    let noise: Double
    /// The national change per year, so most series drift the same way.
    let drift: Double
    /// How many spreads a standard deviation of need moves the level (rates rise with deprivation).
    let needEffect: Double
    /// For percentages sent as numerator/denominator: the denominator per 10,000 children.
    let denominatorPer10k: Double?
    /// The agreed band, for `band` polarity.
    let band: (low: Double, high: Double)?

    init(
        _ id: String, _ name: String, _ area: String, _ unit: IndicatorUnit, _ polarity: Polarity,
        typical: Double, spread: Double, noise: Double, drift: Double = 0, needEffect: Double = 0,
        denominatorPer10k: Double? = nil, band: (low: Double, high: Double)? = nil,
        decimals: Int? = nil, method: NeighbourMethod? = nil,
        source: String, definition: String
    ) {
        self.id = id
        self.name = name
        self.area = area
        self.unit = unit
        self.polarity = polarity
        self.explicitDecimals = decimals
        self.neighbourMethod = method
        self.definition = definition
        self.source = source
        self.lead = IndicatorCatalogue.leads[area] ?? ""
        self.typical = typical
        self.spread = spread
        self.noise = noise
        self.drift = drift
        self.needEffect = needEffect
        self.denominatorPer10k = denominatorPer10k
        self.band = band
    }

    var decimals: Int { explicitDecimals ?? unit.defaultDecimals }

    /// Sent as counts with a blank value, as case-management reports give percentages.
    var isCounted: Bool { denominatorPer10k != nil }

    /// The range a figure of this unit can take.
    var plausibleRange: ClosedRange<Double> {
        switch unit {
        case .percent: 0...100
        case .count: 0...Double.greatestFiniteMagnitude
        default: 0.1...Double.greatestFiniteMagnitude
        }
    }

    /// A copy with a new id, for runs asking for more indicators than the catalogue has.
    func copy(number: Int) -> IndicatorSpec {
        IndicatorSpec(
            "\(id)_\(number)", "\(name) (copy \(number))", area, unit, polarity,
            typical: typical, spread: spread, noise: noise, drift: drift, needEffect: needEffect,
            denominatorPer10k: denominatorPer10k, band: band, decimals: explicitDecimals,
            method: neighbourMethod, source: source, definition: definition)
    }
}

enum IndicatorCatalogue {
    static let firstResponse = "First Response", childProtection = "Child Protection"
    static let childrenInCare = "Children in Care", careLeavers = "Care Leavers"
    static let adoption = "Adoption", workforce = "Workforce"

    static let leads = [
        firstResponse: "Head of Service, First Response and MASH",
        childProtection: "Head of Safeguarding and Quality Assurance",
        childrenInCare: "Head of Service, Children in Care",
        careLeavers: "Head of Care Leavers' Service",
        adoption: "Regional Adoption Agency Manager",
        workforce: "Principal Social Worker",
    ]

    /// `count` indicators: an even spread over the catalogue (so a small run still mixes units and
    /// polarities), then numbered copies beyond sixty.
    static func generate(count: Int) -> [IndicatorSpec] {
        let real = min(count, all.count)
        var chosen = (0..<real).map { all[$0 * all.count / real] }
        for extra in 0..<max(0, count - all.count) {
            chosen.append(all[extra % all.count].copy(number: extra / all.count + 2))
        }
        return chosen
    }

    /// Sixty indicators, ten per area, at roughly England's levels (DfE statistics 2015 to 2024).
    static let all: [IndicatorSpec] = [
        // First Response
        IndicatorSpec(
            "referral_rate", "Referrals per 10,000 children, rolling 12 months", firstResponse, .ratePer10k, .neutral,
            typical: 540, spread: 110, noise: 9, drift: -3, needEffect: 0.7, method: .median, source: "CIN census",
            definition:
                "Referrals accepted by children's social care in the 12 months to the month end, per 10,000 children aged 0 to 17 (ONS mid-year estimate)."
        ),
        IndicatorSpec(
            "re_referral_rate", "Re-referrals within 12 months of a previous referral", firstResponse, .percent, .lower,
            typical: 22, spread: 4.5, noise: 1.5, drift: -0.2, needEffect: 0.3, denominatorPer10k: 45,
            source: "CIN census",
            definition:
                "Referrals in the month that were within 12 months of a previous referral, as a percentage of all referrals in the month. Numerator: re-referrals; denominator: referrals."
        ),
        IndicatorSpec(
            "referral_decision_24h", "Referral decisions made within one working day", firstResponse, .percent, .higher,
            typical: 86, spread: 8, noise: 2.5, drift: 0.6, denominatorPer10k: 45, source: "Mosaic report",
            definition:
                "Contacts with a \"next step\" decision recorded within one working day, as a percentage of contacts that became referrals."
        ),
        IndicatorSpec(
            "assessments_45_days", "Single assessments completed within 45 working days", firstResponse, .percent,
            .higher,
            typical: 84, spread: 9, noise: 3, drift: 0.4, denominatorPer10k: 40, source: "CIN census",
            definition:
                "Assessments completed in the month within 45 working days of the referral date, as a percentage of all assessments completed in the month."
        ),
        IndicatorSpec(
            "assessments_completed", "Single assessments completed", firstResponse, .count, .neutral,
            typical: 40, spread: 9, noise: 3, drift: -0.5, needEffect: 0.6, source: "CIN census",
            definition: "Single assessments with a completion date in the month, whatever their outcome."),
        IndicatorSpec(
            "assessment_nfa_rate", "Assessments ending in no further action", firstResponse, .percent, .neutral,
            typical: 30, spread: 8, noise: 2.5, drift: 0.3, denominatorPer10k: 40, source: "CIN census",
            definition:
                "Assessments completed in the month where the child was found not to be in need, as a percentage of assessments completed."
        ),
        IndicatorSpec(
            "contacts_received", "Contacts received by the front door", firstResponse, .count, .neutral,
            typical: 250, spread: 60, noise: 12, drift: 4, needEffect: 0.5, source: "Mosaic report",
            definition:
                "Contacts about a child received by the MASH or front door, including police notifications, schools and self-referrals."
        ),
        IndicatorSpec(
            "mash_decision_1_day", "MASH decisions within one working day", firstResponse, .percent, .higher,
            typical: 85, spread: 7, noise: 3, drift: 0.5, decimals: 1, source: "Mosaic report",
            definition:
                "MASH enquiries with a recorded outcome within one working day of the contact, as a percentage of MASH enquiries completed."
        ),
        IndicatorSpec(
            "early_help_step_down", "Closures stepped down to early help", firstResponse, .percent, .higher,
            typical: 18, spread: 5, noise: 1.8, source: "Early help module",
            definition:
                "Social care cases closed in the month with a step-down to an early help plan, as a percentage of all closures."
        ),
        IndicatorSpec(
            "cin_rate", "Children in need per 10,000 children", firstResponse, .ratePer10k, .neutral,
            typical: 335, spread: 65, noise: 5, drift: -1, needEffect: 0.8, method: .median, source: "CIN census",
            definition:
                "Children in need at the month end, including those on child protection plans and in care, per 10,000 children aged 0 to 17."
        ),
        // Child Protection
        IndicatorSpec(
            "cp_rate", "Child protection plans per 10,000 children", childProtection, .ratePer10k, .neutral,
            typical: 42, spread: 12, noise: 1.5, drift: -0.3, needEffect: 0.8, method: .median, source: "CIN census",
            definition:
                "Children subject to a child protection plan at the month end, per 10,000 children aged 0 to 17."),
        IndicatorSpec(
            "repeat_cp_plans", "Child protection plans for a second or subsequent time", childProtection, .percent,
            .band,
            typical: 21, spread: 5, noise: 3, drift: 0.2, denominatorPer10k: 4.5, band: (10, 15), source: "CIN census",
            definition:
                "Plans starting in the month for a child who had been on a plan before (ever), as a percentage of plans starting. Too low is a concern too: old banding called 10-15% \"good\"."
        ),
        IndicatorSpec(
            "cp_plans_2_years", "Plans ending after two years or more", childProtection, .percent, .lower,
            typical: 3.5, spread: 1.5, noise: 1, denominatorPer10k: 4.5, source: "CIN census",
            definition: "Plans ending in the month that had lasted two years or more, as a percentage of plans ending."),
        IndicatorSpec(
            "cp_visits_timescale", "Child protection visits within 10 working days", childProtection, .percent, .higher,
            typical: 88, spread: 6, noise: 2, drift: 0.3, source: "Mosaic report",
            definition:
                "Children on a plan at the month end who were seen, and seen alone where appropriate, within 10 working days."
        ),
        IndicatorSpec(
            "icpc_15_days", "Initial conferences within 15 working days", childProtection, .percent, .higher,
            typical: 78, spread: 12, noise: 4, drift: 0.5, denominatorPer10k: 6, source: "CIN census",
            definition:
                "Initial child protection conferences held within 15 working days of the strategy discussion that began the section 47 enquiry, as a percentage of initial conferences."
        ),
        IndicatorSpec(
            "cp_reviews_timescale", "Child protection reviews in timescale", childProtection, .percent, .higher,
            typical: 92, spread: 5, noise: 2, denominatorPer10k: 8, source: "CIN census",
            definition:
                "Review conferences held within timescale (three months after the initial conference, then six-monthly), as a percentage of reviews due."
        ),
        IndicatorSpec(
            "s47_enquiries", "Section 47 enquiries started", childProtection, .count, .neutral,
            typical: 18, spread: 5, noise: 2, drift: 0.3, needEffect: 0.6, source: "CIN census",
            definition: "Enquiries under section 47 of the Children Act 1989 starting in the month."),
        IndicatorSpec(
            "cp_plans_started", "Child protection plans started", childProtection, .count, .neutral,
            typical: 4.5, spread: 1.3, noise: 0.8, needEffect: 0.6, source: "CIN census",
            definition: "Children who became the subject of a plan in the month, including transfers in."),
        IndicatorSpec(
            "strategy_discussions", "Strategy discussions held", childProtection, .count, .neutral,
            typical: 25, spread: 7, noise: 2.5, drift: 0.4, needEffect: 0.5, source: "Mosaic report",
            definition: "Strategy discussions (meetings or calls) held in the month, counted once per child."),
        IndicatorSpec(
            "cp_core_groups", "Core groups held in timescale", childProtection, .percent, .higher,
            typical: 85, spread: 7, noise: 2.5, source: "Manual count",
            definition:
                "Core group meetings held within 10 working days of the initial conference and then at least every six weeks, as a percentage of those due."
        ),
        // Children in Care
        IndicatorSpec(
            "cla_rate", "Children in care per 10,000 children", childrenInCare, .ratePer10k, .neutral,
            typical: 70, spread: 22, noise: 1, drift: 0.8, needEffect: 0.8, method: .median, source: "SSDA903",
            definition:
                "Children looked after at the month end, including unaccompanied asylum-seeking children, per 10,000 children aged 0 to 17."
        ),
        IndicatorSpec(
            "cla_three_placements", "Children in care with three or more placements in the year", childrenInCare,
            .percent, .lower,
            typical: 10, spread: 2.5, noise: 0.6, drift: 0.1, denominatorPer10k: 70, source: "SSDA903",
            definition:
                "Children in care at the month end who had three or more placements in the previous 12 months, as a percentage of children in care. A rolling measure: consecutive months overlap."
        ),
        IndicatorSpec(
            "cla_long_term_stability", "Long-term placement stability", childrenInCare, .percent, .higher,
            typical: 70, spread: 6, noise: 1.2, drift: -0.3, denominatorPer10k: 12, source: "SSDA903",
            definition:
                "Children under 16 in care for 2.5 years or more who had lived in the same placement for two years, or were placed for adoption, as a percentage of those children."
        ),
        IndicatorSpec(
            "cla_health_assessments", "Annual health assessments in date", childrenInCare, .percent, .higher,
            typical: 89, spread: 6, noise: 2, source: "Health partner return",
            definition: "Children in care for 12 months or more with an annual health assessment in the last 12 months."
        ),
        IndicatorSpec(
            "cla_dental_checks", "Dental checks in date", childrenInCare, .percent, .higher,
            typical: 80, spread: 9, noise: 3, drift: -0.8, source: "Health partner return",
            definition:
                "Children in care for 12 months or more who had a dental check in the last 12 months (fell sharply in 2020/21, when practices closed)."
        ),
        IndicatorSpec(
            "cla_missing_rhi_72h", "Return home interviews within 72 hours", childrenInCare, .percent, .higher,
            typical: 60, spread: 15, noise: 5, drift: 1, denominatorPer10k: 6, source: "Missing children's service",
            definition:
                "Missing episodes of children in care ending in the month where a return home interview was offered within 72 hours, as a percentage of episodes ending."
        ),
        IndicatorSpec(
            "cla_placed_over_20_miles", "Placed more than 20 miles from home", childrenInCare, .percent, .lower,
            typical: 16, spread: 6, noise: 0.8, drift: 0.2, source: "SSDA903",
            definition:
                "Children in care at the month end placed more than 20 miles from their home address, outside the authority's boundary."
        ),
        IndicatorSpec(
            "cla_pep_in_date", "Personal education plans in date", childrenInCare, .percent, .higher,
            typical: 90, spread: 6, noise: 2.5, source: "Virtual School",
            definition:
                "Children in care of statutory school age with a personal education plan reviewed in the last term, as the Virtual School records it."
        ),
        IndicatorSpec(
            "cla_reviews_timescale", "Looked-after reviews in timescale", childrenInCare, .percent, .higher,
            typical: 90, spread: 6, noise: 2, denominatorPer10k: 30, source: "IRO service",
            definition:
                "Statutory reviews held within timescale (20 working days, three months, then six-monthly), as a percentage of reviews due."
        ),
        IndicatorSpec(
            "cla_started", "Children starting to be looked after", childrenInCare, .count, .neutral,
            typical: 2.2, spread: 0.7, noise: 0.5, needEffect: 0.6, source: "SSDA903",
            definition:
                "Children who started a period of care in the month, including unaccompanied asylum-seeking children."),
        // Care Leavers
        IndicatorSpec(
            "cl_eet_19_21", "Care leavers aged 19 to 21 in education, employment or training", careLeavers, .percent,
            .higher,
            typical: 55, spread: 7, noise: 3, drift: 0.4, denominatorPer10k: 25, source: "SSDA903",
            definition:
                "Care leavers aged 19, 20 or 21 in education, employment or training, measured within a month of the birthday (\"in touch\" leavers only in the numerator)."
        ),
        IndicatorSpec(
            "cl_suitable_accommodation", "Care leavers in suitable accommodation", careLeavers, .percent, .higher,
            typical: 88, spread: 5, noise: 2, denominatorPer10k: 25, source: "SSDA903",
            definition:
                "Care leavers aged 19 to 21 in accommodation judged suitable, as a percentage of care leavers aged 19 to 21."
        ),
        IndicatorSpec(
            "cl_in_touch", "Care leavers the authority is in touch with", careLeavers, .percent, .higher,
            typical: 92, spread: 4, noise: 1.5, denominatorPer10k: 25, source: "SSDA903",
            definition:
                "Care leavers aged 17–21 with whom the authority was in touch around their birthday, as a percentage of care leavers of those ages."
        ),
        IndicatorSpec(
            "cl_eet_17_18", "Care leavers aged 17 and 18 in education, employment or training", careLeavers, .percent,
            .higher,
            typical: 66, spread: 8, noise: 4, denominatorPer10k: 10, source: "SSDA903",
            definition: "Care leavers aged 17 or 18 in education, employment or training around their birthday."),
        IndicatorSpec(
            "cl_pathway_plans", "Pathway plans up to date", careLeavers, .percent, .higher,
            typical: 85, spread: 8, noise: 3, drift: 0.5, source: "Mosaic report",
            definition: "Care leavers and eligible young people with a pathway plan reviewed in the last six months."),
        IndicatorSpec(
            "cl_personal_advisers", "Care leavers with a personal adviser", careLeavers, .percent, .higher,
            typical: 96, spread: 2.5, noise: 1, decimals: 1, source: "Mosaic report",
            definition: "Care leavers aged 18 to 25 who asked for support and have a named personal adviser."),
        IndicatorSpec(
            "cl_higher_education", "Care leavers in higher education", careLeavers, .percent, .higher,
            typical: 7, spread: 2.5, noise: 0.8, drift: 0.1, source: "SSDA903",
            definition: "Care leavers aged 19 to 21 in higher education (a degree, or equivalent above A level)."),
        IndicatorSpec(
            "cl_not_in_touch", "Care leavers not in touch", careLeavers, .count, .lower,
            typical: 1.5, spread: 0.6, noise: 0.4, source: "SSDA903",
            definition:
                "Care leavers aged 17 to 21 the authority was not in touch with at the month end, including those who refused contact."
        ),
        IndicatorSpec(
            "cl_staying_put", "Care leavers staying put at 18", careLeavers, .percent, .higher,
            typical: 28, spread: 9, noise: 4, drift: 0.5, source: "SSDA903",
            definition: "Young people ceasing care on their 18th birthday who stayed with their former foster carers."),
        IndicatorSpec(
            "cl_pa_caseload", "Personal adviser caseload", careLeavers, .number, .band,
            typical: 23, spread: 3, noise: 0.8, band: (20, 25), source: "Team returns",
            definition:
                "Care leavers allocated per full-time personal adviser at the month end; the agreed band is 20 to 25."),
        // Adoption
        IndicatorSpec(
            "adoption_a1_days", "Average days from entering care to moving in with the adoptive family (A1)", adoption,
            .days, .lower,
            typical: 480, spread: 70, noise: 12, drift: 6, source: "Adoption scorecard",
            definition:
                "Average days between a child entering care and moving in with the adoptive family, for children adopted in the last three years (a rolling three-year average, so very smooth)."
        ),
        IndicatorSpec(
            "adoption_a2_days", "Average days from court authority to a match (A2)", adoption, .days, .lower,
            typical: 200, spread: 45, noise: 6, drift: 4, source: "Adoption scorecard",
            definition:
                "Average days between the local authority receiving court authority to place a child and deciding on a match with an adoptive family, three-year average."
        ),
        IndicatorSpec(
            "adoption_a10_days", "Average days from entering care to adoption (A10)", adoption, .days, .lower,
            typical: 430, spread: 60, noise: 10, drift: 5, source: "Adoption scorecard",
            definition:
                "Average days between entering care and moving in with the adoptive family, adjusted for foster-carer adoptions, three-year average."
        ),
        IndicatorSpec(
            "adoptions", "Children adopted", adoption, .count, .neutral,
            typical: 0.25, spread: 0.08, noise: 0.1, drift: -0.01, source: "SSDA903",
            definition: "Children who left care in the month because an adoption order was granted."),
        IndicatorSpec(
            "special_guardianship_orders", "Special guardianship orders", adoption, .count, .neutral,
            typical: 0.3, spread: 0.1, noise: 0.1, source: "SSDA903",
            definition:
                "Children who left care in the month on a special guardianship order, to former foster carers or others."
        ),
        IndicatorSpec(
            "adoption_18_months", "Adopted within 18 months of entering care", adoption, .percent, .higher,
            typical: 50, spread: 12, noise: 4, drift: -1, source: "Adoption scorecard",
            definition:
                "Children adopted in the last three years who moved in with their adoptive family within 18 months of entering care."
        ),
        IndicatorSpec(
            "adopters_approved", "Adoptive families approved", adoption, .count, .higher,
            typical: 0.2, spread: 0.07, noise: 0.08, source: "RAA return",
            definition:
                "Prospective adopters approved by the regional adoption agency in the month, apportioned to the authority."
        ),
        IndicatorSpec(
            "adoption_disruptions", "Adoption placements disrupted", adoption, .count, .lower,
            typical: 0.02, spread: 0.01, noise: 0.01, source: "RAA return",
            definition: "Adoptive placements that ended before the adoption order, in the month."),
        IndicatorSpec(
            "placement_orders_waiting", "Children with a placement order waiting to be matched", adoption, .count,
            .lower,
            typical: 1.5, spread: 0.5, noise: 0.15, source: "Adoption scorecard",
            definition: "Children with a placement order, not yet placed with adopters, at the month end."),
        IndicatorSpec(
            "months_waiting_match", "Average months waiting for a match", adoption, .number, .lower,
            typical: 8.5, spread: 2.5, noise: 0.5, drift: 0.2, source: "RAA return",
            definition: "Average months since the placement order for children waiting to be matched at the month end."),
        // Workforce
        IndicatorSpec(
            "sw_caseload", "Average social worker caseload", workforce, .number, .band,
            typical: 17.5, spread: 2.5, noise: 0.7, drift: 0.1, band: (18, 20), source: "Team returns",
            definition:
                "Children allocated per full-time equivalent social worker holding cases, at the month end; the agreed band is 18 to 20."
        ),
        IndicatorSpec(
            "nqsw_caseload", "Newly qualified social worker caseload", workforce, .number, .band,
            typical: 13.5, spread: 2, noise: 0.9, band: (12, 15), source: "Team returns",
            definition:
                "Children allocated per newly qualified social worker in the assessed and supported year in employment (ASYE); the agreed band is 12 to 15."
        ),
        IndicatorSpec(
            "agency_sw_rate", "Agency social workers", workforce, .percent, .lower,
            typical: 17, spread: 7, noise: 1.2, drift: 0.3, denominatorPer10k: 27, method: .median,
            source: "Workforce census",
            definition:
                "Agency social workers covering vacant posts, as a percentage of all children and family social workers (FTE, rounded to whole posts)."
        ),
        IndicatorSpec(
            "sw_vacancy_rate", "Social worker vacancy rate", workforce, .percent, .lower,
            typical: 20, spread: 7, noise: 1.2, drift: 0.3, method: .median, source: "Workforce census",
            definition:
                "Vacant social worker posts (whether or not covered by agency staff), as a percentage of all posts."),
        IndicatorSpec(
            "sw_turnover_rate", "Social worker turnover, rolling 12 months", workforce, .percent, .lower,
            typical: 17, spread: 4, noise: 0.7, drift: 0.2, source: "Workforce census",
            definition:
                "Social workers leaving in the last 12 months, as a percentage of social workers in post; excludes agency staff."
        ),
        IndicatorSpec(
            "sw_sickness_days", "Working days lost to sickness per social worker", workforce, .number, .lower,
            typical: 9.5, spread: 2.5, noise: 0.4, drift: 0.1, decimals: 1, source: "HR system",
            definition:
                "Working days lost to sickness absence in the last 12 months, per full-time equivalent social worker."),
        IndicatorSpec(
            "sw_fte", "Social workers in post (FTE, rounded)", workforce, .count, .neutral,
            typical: 27, spread: 5, noise: 0.5, drift: 0.3, source: "Workforce census",
            definition:
                "Children and family social workers in post at the month end, full-time equivalent, rounded to whole posts."
        ),
        IndicatorSpec(
            "supervision_in_timescale", "Supervision in timescale", workforce, .percent, .higher,
            typical: 80, spread: 9, noise: 3, drift: 0.4, denominatorPer10k: 27, source: "Mosaic report",
            definition:
                "Social workers whose last recorded supervision was within four weeks, as a percentage of social workers holding cases."
        ),
        IndicatorSpec(
            "sw_experienced", "Social workers with two or more years' experience", workforce, .percent, .higher,
            typical: 60, spread: 8, noise: 1, drift: -0.3, source: "Workforce census",
            definition:
                "Social workers in post with two years or more post-qualifying experience, as a percentage of social workers in post."
        ),
        IndicatorSpec(
            "training_completion", "Mandatory training completed", workforce, .percent, .higher,
            typical: 75, spread: 10, noise: 3, drift: 0.8, source: "Learning management system",
            definition:
                "Staff who have completed every mandatory course (safeguarding, data protection, \"Signs of Safety\" practice), as a percentage of staff."
        ),
    ]
}
