import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SelatFormats
import SelatGeoData
import SelatKit
import SelatWords

/// `GET /api/v1/map`: the map `selat map` draws — sightings, the latest Gi*, emerging and DBSCAN
/// runs, the latest plan, over the GSHHG coastline — as one self-contained page (pan, zoom, layers,
/// details on click), or as SVG with `format=svg`. Filters: `since`, `until`, `vessel_type`,
/// `activity`. Personal fields only for a reader who may see every agency's.
struct MapRoutes {
    let services: ServerServices

    func add(to router: some RouterMethods<ServerContext>) {
        router.get("/map") { request, context -> Response in
            let session = try await context.require(.readSightings, request, services)
            let q = request.uri.queryParameters
            var map = MapBuilder.Request()
            // The sightings drawn: the filters of the sighting search.
            map.query = try SightingRoutes.query(request, database: services.database)
            map.includePersonal = session.user.role.permits(.seeAllPersonal)
            map.language = try ServerLanguage.of(request)
            map.title = Words(map.language)("map.title_latest")
            if let text = q["patrol"].map(String.init) {
                guard let id = Int64(text), id > 0 else {
                    throw Problem.invalid("patrol", text, Phrase("problem.patrol_id"))
                }
                // A patrol beside its plan: whoever reads patrols may see it.
                _ = try await context.require(.readPatrols, request, services)
                map.patrolID = id
            }
            let builder = MapBuilder(database: services.database, geoData: services.geoData)
            let request = map
            let (document, _) = try await blocking { try builder.build(request) }
            if q["format"] == "svg" {
                return textResponse(MapSVG(document).text, type: "image/svg+xml")
            }
            var response = textResponse(MapPage(document).text, type: "text/html; charset=utf-8")
            // The page carries its own script and style (every value in it is escaped); it may be
            // shown inside the web app, from this server only.
            response.headers[.contentSecurityPolicy] =
                "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'self'"
            response.headers[MapRoutes.pageHeader] = "map"
            return response
        }
    }

    /// Marks the map page, whose own security policy the headers middleware keeps.
    static let pageHeader = HTTPField.Name("Selat-Page")!
}
