import SelatKit

/// How the command line spells the controls and follow-ups that SelatKit's errors and notes
/// name, in this run's language: the one place where an option name meets a message from below
/// the command line.
extension ControlNames {
    static var commandLine: ControlNames { spelling.speaking(CommandLanguage.current) }

    private static let spelling = ControlNames(
        control: { control in
            switch control {
            case .noFDR: "--no-fdr"
            case .evidenceCase: "--case"
            default: "--" + control.rawValue.replacingOccurrences(of: "_", with: "-")
            }
        },
        followUp: { task in
            switch task {
            case .runHotspots: "`selat hotspots`"
            case .listHotspotRuns: "`selat hotspots list`"
            case .makePlan: "`selat plan --start TIME --hours 8`"
            case .listPlans: "`selat plan list`"
            case .addRoute: "`selat route add`"
            case .listSightings: "`selat sighting list`"
            case .sightingHistory: "`selat sighting history ID`"
            case .addToCase: "`selat evidence case add NAME ID…`"
            case .listCases: "`selat evidence case list`"
            case .addDefaultFleet: "`selat fleet default`"
            case .addBoat: "`selat fleet boat add`"
            case .addBase: "`selat fleet base add`"
            case .editBase: "`selat fleet base`"
            case .verifyLog: "`selat verify`"
            case .setStudyRegion: "`selat region --set`"
            case .listPlaces: "selat places"
            case .listWaypoints: "selat waypoint list"
            case .newSyncToken: "`selat user token NAME` at the centre"
            }
        })
}
