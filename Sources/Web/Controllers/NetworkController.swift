import Accounts
import Audit
import Divisions
import Documents
import Fluent
import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// Pages of the service network: overview and coverage, station ledger, station pages,
/// monthly records, map, reporting, imports/exports, the service catalogue and the public directory.
struct NetworkController {
    func register(public routes: any RoutesBuilder, signedIn: any RoutesBuilder) {
        routes.get(.publicStations(":county"), use: publicDirectory)
        let n = signedIn
        n.get(.section(.network), use: overview)
        n.get(.networkFacilities, use: list)
        n.get(.networkFacilityNew, use: newForm)
        n.post(.networkFacilityNew, use: create)
        n.get(.networkFacility(Placeholder.id), use: show)
        n.get(.networkFacilityEdit(Placeholder.id), use: editForm)
        n.post(.networkFacilityEdit(Placeholder.id), use: update)
        n.post(.networkFacilityStatus(Placeholder.id), use: changeStatus)
        n.post(.networkFacilityOperators(Placeholder.id), use: linkOperator)
        n.post(.networkFacilityOperatorUnlink(Placeholder.id, user: Placeholder.user), use: unlinkOperator)
        n.post(.networkFacilityPhotos(Placeholder.id), limit: "9mb", use: uploadPhoto)
        n.get(.networkPhoto(Placeholder.id, Placeholder.photo), use: photo)
        n.get(.networkRecordNew(Placeholder.id), use: recordForm)
        n.post(.networkRecordNew(Placeholder.id), use: saveRecord)
        n.get(.networkMap, use: map)
        n.get(.networkReporting, use: reporting)
        n.get(.networkCoverageExport("xlsx")) { req in try await self.coverageExport(req, "xlsx") }
        n.get(.networkCoverageExport("csv")) { req in try await self.coverageExport(req, "csv") }
        n.get(.networkLedgerExport("xlsx")) { req in try await self.ledgerExport(req, "xlsx") }
        n.get(.networkLedgerExport("csv")) { req in try await self.ledgerExport(req, "csv") }
        n.get(.networkImport, use: importForm)
        n.post(.networkImport, limit: "20mb", use: importLedger)
        n.get(.networkRecordsImport, use: recordsImportForm)
        n.post(.networkRecordsImport, limit: "20mb", use: importRecords)
        n.get(.networkRecordsTemplate, use: recordsTemplate)
        n.get(.networkServices, use: services)
        n.post(.networkServices, use: addService)
    }

    // MARK: Overview and coverage

    @Sendable func overview(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        if viewer.isOperator {
            guard let own = viewer.ownFacilityID else {
                let chrome = try await req.chrome()
                return .html(Layout.page(chrome, title: chrome.t("network.myStation")) {
                    el("div", ["class": "panel"]) { el("p") { chrome.t("network.noStation") } }
                })
            }
            return req.redirect(to: SiteURL.networkFacility(own).path)
        }
        let day = try req.queryDay("asOf") ?? .today()
        let snapshots = try await NetworkQueries.snapshots(county: viewer.county, on: req.db)
        let report = try await NetworkQueries.coverage(county: viewer.county, asOf: day, snapshots: snapshots, on: req.db)
        let lastMonth = Day.today().monthKey.previous
        let completeness = try await NetworkQueries.completeness(county: viewer.county, through: lastMonth, months: 1, snapshots: snapshots,
                                                                 on: req.db).first
        let total = report.counts.values.reduce(0) { $0 + $1.values.reduce(0, +) }
        let chrome = try await req.chrome()
        let lang = chrome.context.language
        let bars = report.townships.map { t in
            SVG.Bar(t.name, t.rate.map { Double($0.numerator) / Double($0.denominator) } ?? 0,
                    valueLabel: "\(t.coveredVillages)/\(t.villages)")
        }
        let chart = SVG.horizontalBarChart(title: chrome.t("network.coverage.chart"), bars: bars, format: .percent(decimals: 0),
                                           target: 0.6, targetLabel: chrome.t("network.coverage.target", "60%"), maximum: 1)
        return .html(Layout.page(chrome, title: chrome.t("network.title")) {
            NetworkViews.subnav(chrome, viewer, current: SiteURL.section(.network).path)
            el("form", ["method": "get", "action": SiteURL.section(.network).path, "class": "filters"]) {
                Forms.field(chrome, FormState(values: ["asOf": day.iso]), name: "asOf", label: chrome.t("network.asOf"), type: "date",
                            hint: chrome.t("network.asOf.hint"))
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.search") }
            }
            el("div", ["class": "cards"]) {
                card(chrome.t("network.cards.facilities"), "\(total)", link: SiteURL.networkFacilities.path)
                card(chrome.t("network.cards.villageStations"), "\(report.count(.villageStation, .operating)) / \(report.planned(.villageStation))",
                     link: SiteURL.networkFacilities.path + "?type=villageStation")
                card(chrome.t("network.cards.townships"), "\(report.townshipsWithStation) / \(report.townshipCount)",
                     sub: report.townshipRate?.percentText, link: "#coverage")
                card(chrome.t("network.cards.villages"), "\(report.coveredVillages) / \(report.villages)", sub: report.villageRate?.percentText, link: "#uncovered")
                if let c = completeness {
                    card(chrome.t("network.cards.reporting", c.month), c.reportingRate?.percentText ?? "—", sub: chrome.t("network.reporting.onTimeRate") + " " + (c.onTimeRate?.percentText ?? "—"),
                         link: SiteURL.networkReporting.path)
                }
            }
            el("p", ["class": "muted small"]) { chrome.t("network.coverage.rule") }
            el("div", ["class": "panel chart"]) { Node.raw(chart) }
            el("h2", ["id": "coverage"]) { chrome.t("network.coverage") + "（" + day.iso + "）" }
            el("p") {
                el("a", ["class": "btn secondary", "href": SiteURL.networkCoverageExport("xlsx").path + "?asOf=" + day.iso]) { chrome.t("common.export.xlsx") }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.networkCoverageExport("csv").path + "?asOf=" + day.iso]) { chrome.t("common.export.csv") }
            }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    for (i, h) in CoverageExport.header(lang).dropLast().enumerated() { el("th", ["class": i >= 2 ? "num" : nil]) { h } }
                } }
                el("tbody") {
                    for t in report.townships {
                        el("tr") {
                            el("td") { el("a", ["href": SiteURL.networkFacilities.path + "?township=" + t.code]) { t.name } }
                            el("td") { el("span", ["class": t.hasStation ? "tag" : "tag off"]) { chrome.t(t.hasStation ? "common.yes" : "common.no") } }
                            el("td", ["class": "num"]) { "\(t.villages)" }
                            el("td", ["class": "num"]) { "\(t.coveredVillages)" }
                            el("td", ["class": "num"]) { t.rate?.percentText ?? "—" }
                            el("td", ["class": "num"]) { "\(t.villageStationsOperating)" }
                            el("td", ["class": "num"]) { "\(t.villageStationsPlanned)" }
                        }
                    }
                    el("tr", ["class": "total"]) {
                        for (i, cell) in CoverageExport.totalRow(report, language: lang).dropLast().enumerated() { el("td", ["class": i >= 2 ? "num" : nil]) { cell } }
                    }
                }
            } }
            el("h2", ["id": "uncovered"]) { chrome.t("network.coverage.uncovered") + " (\(report.uncoveredVillages.count))" }
            if report.uncoveredVillages.isEmpty { el("p") { chrome.t("network.coverage.none") } } else {
                el("div", ["class": "panel"]) {
                    for t in report.townships where !t.uncovered.isEmpty {
                        el("p") { el("strong") { t.name + "：" }; t.uncovered.map(\.name).joined(separator: "、") }
                    }
                }
            }
            el("h2") { chrome.t("network.facilities") }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    el("th") { chrome.t("network.field.type") }
                    for s in FacilityStatus.allCases { el("th", ["class": "num"]) { chrome.t(s.messageKey) } }
                } }
                el("tbody") {
                    for type in FacilityType.allCases where FacilityStatus.allCases.contains(where: { report.count(type, $0) > 0 }) {
                        el("tr") {
                            el("td") { el("a", ["href": SiteURL.networkFacilities.path + "?type=" + type.rawValue]) { chrome.t(type.messageKey) } }
                            for s in FacilityStatus.allCases { el("td", ["class": "num"]) { "\(report.count(type, s))" } }
                        }
                    }
                }
            } }
        })
    }

    func card(_ label: String, _ value: String, sub: String? = nil, link: String) -> Node {
        el("a", ["class": "card", "href": link]) {
            el("div", ["class": "num"]) { value }
            el("div", ["class": "label"]) { label }
            if let sub { el("div", ["class": "muted"]) { sub } }
        }
    }

    @Sendable func coverageExport(_ req: Request, _ format: String) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireCountyWide()
        let day = try req.queryDay("asOf") ?? .today()
        let report = try await NetworkQueries.coverage(county: viewer.county, asOf: day, on: req.db)
        let name = try await DivisionQueries.fullName(of: viewer.county, on: req.db)
        let filename = "coverage-\(viewer.county.short)-\(day.iso).\(format)"
        if format == "csv" { return Downloads.file(try CoverageExport.csv(report), type: "text/csv; charset=utf-8", filename: filename) }
        return Downloads.file(try CoverageExport.xlsx(report, countyName: name), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: filename)
    }

    // MARK: Ledger list

    @Sendable func list(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        if viewer.isOperator { return req.redirect(to: viewer.ownFacilityID.map { SiteURL.networkFacility($0).path } ?? SiteURL.section(.network).path) }
        let filter = FacilityFilter(type: req.query[String.self, at: "type"].flatMap(FacilityType.init(rawValue:)),
                                    status: req.query[String.self, at: "status"].flatMap(FacilityStatus.init(rawValue:)),
                                    township: req.query[String.self, at: "township"], text: req.query[String.self, at: "q"])
        let all = try await NetworkQueries.facilities(county: viewer.county, filter: filter, on: req.db)
        let page = Pagination.page(req)
        let per = 50
        let facilities = Array(all.dropFirst((page - 1) * per).prefix(per))
        let names = try await NetworkQueries.divisionNames(county: viewer.county, on: req.db)
        let (townships, _) = try await NetworkQueries.units(county: viewer.county, on: req.db)
        let chrome = try await req.chrome()
        let form = FormState(values: ["type": filter.type?.rawValue ?? "", "status": filter.status?.rawValue ?? "", "township": filter.township ?? "", "q": filter.text ?? ""])
        return .html(Layout.page(chrome, title: chrome.t("network.facilities")) {
            NetworkViews.subnav(chrome, viewer, current: SiteURL.networkFacilities.path)
            el("p", ["class": "actions"]) {
                if viewer.canManage { el("a", ["class": "btn", "href": SiteURL.networkFacilityNew.path]) { chrome.t("network.facility.new") }; " " }
                el("a", ["class": "btn secondary", "href": SiteURL.networkLedgerExport("xlsx").path]) { chrome.t("common.export.xlsx") }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.networkLedgerExport("csv").path]) { chrome.t("common.export.csv") }
            }
            el("form", ["method": "get", "action": SiteURL.networkFacilities.path, "class": "filters"]) {
                Forms.select(chrome, form, name: "type", label: chrome.t("network.field.type"),
                             options: [("", chrome.t("common.all"))] + FacilityType.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
                Forms.select(chrome, form, name: "status", label: chrome.t("network.field.status"),
                             options: [("", chrome.t("common.all"))] + FacilityStatus.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
                Forms.select(chrome, form, name: "township", label: chrome.t("network.filter.township"),
                             options: [("", chrome.t("common.all"))] + townships.map { ($0.code, $0.name) })
                Forms.field(chrome, form, name: "q", label: chrome.t("network.filter.text"))
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.filter") }
            }
            el("div", ["class": "table-wrap"]) { el("table", ["class": "stack"]) {
                el("thead") { el("tr") {
                    for key in ["network.field.name", "network.field.type", "network.field.division", "network.field.status", "network.field.operatorName", "network.field.flags"] {
                        el("th") { chrome.t(key) }
                    }
                } }
                el("tbody") {
                    for f in facilities {
                        el("tr") {
                            el("td") { el("a", ["href": SiteURL.networkFacility(f.id ?? UUID()).path]) { f.name } }
                            el("td") { chrome.t(f.facilityType.messageKey) }
                            el("td") { divisionLabel(f.divisionCode, names) }
                            el("td") { NetworkViews.statusTag(chrome, f.facilityStatus); " " + f.statusSince }
                            el("td") { f.operatorName + " " + viewer.phone(f) }
                            el("td") {
                                if f.demonstration { el("span", ["class": "tag"]) { chrome.t("network.field.demonstration") } }
                                if f.signage { " "; el("span", ["class": "tag"]) { chrome.t("network.field.signage") } }
                            }
                        }
                    }
                }
            } }
            Pagination(page: page, per: per, total: all.count).links(chrome, base: SiteURL.networkFacilities.path,
                query: [("type", form["type"]), ("status", form["status"]), ("township", form["township"]), ("q", form["q"])])
        })
    }

    func divisionLabel(_ code: String, _ names: [String: String]) -> String {
        guard let c = try? DivisionCode(code) else { return code }
        if c.level == .village, let parent = c.parent { return (names[parent.value] ?? "") + " " + (names[code] ?? code) }
        return names[code] ?? code
    }

    @Sendable func ledgerExport(_ req: Request, _ format: String) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireCountyWide()
        let showPhones = viewer.role.can(.seePersonalData)
        let filename = "stations-\(viewer.county.short).\(format)"
        if format == "csv" {
            let encoding: CSV.OutputEncoding = req.query[String.self, at: "encoding"] == "gb18030" ? .gb18030 : .utf8WithBOM
            let data = try await StationLedger.csv(county: viewer.county, showPhones: showPhones, encoding: encoding, on: req.db)
            return Downloads.file(data, type: encoding == .gb18030 ? "text/csv; charset=gb18030" : "text/csv; charset=utf-8", filename: filename)
        }
        let name = try await DivisionQueries.fullName(of: viewer.county, on: req.db)
        let data = try await StationLedger.xlsx(county: viewer.county, countyName: name, showPhones: showPhones, on: req.db)
        return Downloads.file(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: filename)
    }

    // MARK: One station

    @Sendable func show(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        let id = try f.requireID()
        let names = try await NetworkQueries.divisionNames(county: viewer.county, on: req.db)
        let catalogue = try await NetworkQueries.catalogue(county: viewer.county, on: req.db)
        let services = try await NetworkService.services(of: id, on: req.db)
        let history = try await NetworkQueries.history(of: id, on: req.db)
        let periods = try await NetworkQueries.servedPeriods(of: id, on: req.db)
        let served = periods.filter { $0.validTo == nil }.map(\.divisionCode).sorted()
        let servedChanges = periods.filter { $0.validFrom != nil || $0.validTo != nil }
        let records = try await NetworkQueries.records(of: id, on: req.db)
        let photos = try await NetworkQueries.photos(of: id, on: req.db)
        let operators = try await NetworkQueries.operators(of: id, on: req.db)
        let chrome = try await req.chrome()
        let lang = chrome.context.language
        let canOperate = viewer.canOperate(f)
        let ownServed = f.facilityType.servesLevel.map { $0 == f.division?.level } ?? false
        return .html(Layout.page(chrome, title: f.name) {
            NetworkViews.subnav(chrome, viewer, current: "")
            el("p") {
                NetworkViews.statusTag(chrome, f.facilityStatus)
                " " + chrome.t(f.facilityType.messageKey) + " · " + divisionLabel(f.divisionCode, names)
                if f.sample { el("span", ["class": "tag"]) { chrome.t("divisions.sample") } }
            }
            if f.facilityType.reportsMonthly && f.facilityStatus == .operating {
                let last = Day.today().monthKey.previous
                let lastRecord = records.first { $0.month == last.text }
                el("p", ["class": lastRecord == nil ? "alert-warn" : "notice"]) {
                    if let lastRecord {
                        chrome.t("network.record.reported", last.text, Beijing.format(lastRecord.submittedAt))
                    } else {
                        chrome.t("network.record.missing", last.text, Beijing.format(last.deadline.addingTimeInterval(-60)))
                    }
                }
            }
            if canOperate {
                el("p", ["class": "actions"]) {
                    if f.facilityType.reportsMonthly { el("a", ["class": "btn", "href": SiteURL.networkRecordNew(id).path]) { chrome.t("network.record.new") }; " " }
                    el("a", ["class": "btn secondary", "href": SiteURL.networkFacilityEdit(id).path]) { chrome.t("network.facility.edit") }
                }
            }
            el("div", ["class": "panel"]) {
                el("dl", ["class": "facts"]) {
                    fact(chrome.t("network.field.address"), f.address)
                    fact(chrome.t("network.field.openingHours"), f.openingHours)
                    fact(chrome.t("network.field.operatorName"), f.operatorName)
                    fact(chrome.t("network.field.operatorPhone"), viewer.phone(f))
                    fact(chrome.t("network.field.servicePhone"), f.servicePhone ?? "—")
                    fact(chrome.t("network.field.contractorName"), f.contractorName ?? "—")
                    fact(chrome.t("network.field.areaM2"), f.areaM2.map { "\($0)" } ?? "—")
                    fact(chrome.t("network.field.statusSince"), f.statusSince)
                    fact(chrome.t("network.field.signage"), chrome.t(f.signage ? "common.yes" : "common.no"))
                    fact(chrome.t("network.field.demonstration"), chrome.t(f.demonstration ? "common.yes" : "common.no"))
                    if let lat = f.latitude, let lon = f.longitude { fact("WGS-84", String(format: "%.5f, %.5f", lat, lon)) }
                    if f.facilityType == .commerceCentre {
                        fact(chrome.t("network.field.skuCount"), f.skuCount.map { "\($0)" } ?? "—")
                        fact(chrome.t("network.field.populationServed"), f.populationServed.map { "\($0)" } ?? "—")
                        fact(chrome.t("network.field.deliveryRadiusKm"), f.deliveryRadiusKm.map { String(format: "%.1f", $0) } ?? "—")
                    }
                    if let kind = f.storageKind.flatMap(StorageKind.init(rawValue:)) { fact(chrome.t("network.field.storageKind"), chrome.t(kind.messageKey)) }
                    fact(chrome.t("network.field.services"), services.isEmpty ? "—" : NetworkViews.serviceNames(services, catalogue: catalogue, language: lang))
                    if f.facilityType.servesLevel != nil {
                        fact(chrome.t("network.field.served"), ((ownServed ? [f.divisionCode] : []) + served).map { names[$0] ?? $0 }.joined(separator: "、"))
                    }
                    if !f.notes.isEmpty { fact(chrome.t("network.field.notes"), f.notes) }
                }
            }
            if f.facilityType.reportsMonthly {
                el("h2") { chrome.t("network.records") }
                recordsTable(chrome, records)
            }
            el("h2") { chrome.t("network.field.history") }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") { el("th") { chrome.t("network.field.effectiveOn") }; el("th") { chrome.t("network.field.status") }; el("th") { chrome.t("network.field.note") } } }
                el("tbody") { for h in history { el("tr") {
                    el("td") { h.effectiveOn }
                    el("td") { NetworkViews.statusTag(chrome, FacilityStatus(rawValue: h.status) ?? .planned) }
                    el("td") { h.note }
                } } }
            } }
            if viewer.canManage {
                el("form", ["method": "post", "action": SiteURL.networkFacilityStatus(id).path, "class": "panel filters"]) {
                    Layout.csrfField(req.context)
                    Forms.select(chrome, FormState(values: ["status": f.status]), name: "status", label: chrome.t("network.field.status"),
                                 options: FacilityStatus.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
                    Forms.field(chrome, FormState(values: ["effectiveOn": Day.today().iso]), name: "effectiveOn", label: chrome.t("network.field.effectiveOn"), type: "date")
                    Forms.field(chrome, FormState(), name: "note", label: chrome.t("network.field.note"))
                    el("button", ["type": "submit", "class": "btn"]) { chrome.t("network.status.change") }
                }
            }
            if !servedChanges.isEmpty {
                el("h2") { chrome.t("network.servedHistory") }
                el("div", ["class": "table-wrap"]) { el("table") {
                    el("thead") { el("tr") { for key in ["network.field.served", "network.servedHistory.from", "network.servedHistory.until"] { el("th") { chrome.t(key) } } } }
                    el("tbody") { for p in servedChanges { el("tr") {
                        el("td") { names[p.divisionCode] ?? p.divisionCode }
                        el("td") { p.validFrom ?? chrome.t("network.servedHistory.initial") }
                        el("td") { p.validTo ?? chrome.t("network.servedHistory.current") }
                    } } }
                } }
            }
            el("h2") { chrome.t("network.field.photos") }
            if photos.isEmpty { el("p", ["class": "muted"]) { chrome.t("common.none") } } else {
                el("div", ["class": "photos"]) {
                    for p in photos {
                        el("figure") {
                            el("a", ["href": SiteURL.networkPhoto(id, p.id ?? UUID()).path]) {
                                el("img", ["src": SiteURL.networkPhoto(id, p.id ?? UUID()).path, "alt": p.caption.isEmpty ? f.name : p.caption, "loading": "lazy"])
                            }
                            el("figcaption") { p.caption + " · " + Beijing.format(p.uploadedAt) + " · SHA-256 " + String(p.sha256.prefix(12)) }
                        }
                    }
                }
            }
            if canOperate {
                el("form", ["method": "post", "action": SiteURL.networkFacilityPhotos(id).path, "enctype": "multipart/form-data", "class": "panel"]) {
                    Layout.csrfField(req.context)
                    el("div", ["class": "field"]) {
                        el("label", ["for": "f-photo"]) { chrome.t("network.photo.upload") }
                        el("input", ["id": "f-photo", "type": "file", "name": "photo", "accept": "image/jpeg,image/png,image/webp", "capture": "environment", "required": ""])
                        el("small", ["class": "hint"]) { chrome.t("network.photo.hint") }
                    }
                    Forms.field(chrome, FormState(), name: "caption", label: chrome.t("network.field.caption"))
                    el("button", ["type": "submit", "class": "btn"]) { chrome.t("network.photo.upload") }
                }
            }
            if viewer.canManage && f.facilityType.reportsMonthly {
                el("h2") { chrome.t("network.field.operators") }
                if operators.isEmpty { el("p") { chrome.t("common.none") } }
                for user in operators {
                    el("form", ["method": "post", "action": SiteURL.networkFacilityOperatorUnlink(id, user: user.id ?? UUID()).path, "class": "inline"]) {
                        Layout.csrfField(req.context)
                        "\(user.displayName)（\(user.username)） "
                        el("button", ["type": "submit", "class": "btn secondary", "data-confirm": chrome.t("network.operator.unlink") + "?"]) { chrome.t("network.operator.unlink") }
                    }
                }
                el("form", ["method": "post", "action": SiteURL.networkFacilityOperators(id).path, "class": "panel filters"]) {
                    Layout.csrfField(req.context)
                    Forms.field(chrome, FormState(), name: "username", label: chrome.t("network.operator.username"), autocomplete: "off")
                    el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("network.operator.link") }
                }
            }
        })
    }

    func fact(_ label: String, _ value: String) -> Node {
        el("div") { el("dt") { label }; el("dd") { value.isEmpty ? "—" : value } }
    }

    func recordsTable(_ chrome: PageChrome, _ records: [OperatingRecord]) -> Node {
        guard !records.isEmpty else { return el("p", ["class": "muted"]) { chrome.t("common.none") } }
        return el("div", ["class": "table-wrap"]) { el("table", ["class": "records"]) {
            el("thead") { el("tr") {
                el("th") { chrome.t("network.record.month") }
                for m in RecordMetric.allCases { el("th", ["class": "num"]) { chrome.t(m.messageKey) } }
                el("th") { chrome.t("network.record.submittedAt") }
            } }
            el("tbody") {
                for r in records {
                    el("tr") {
                        el("td") { r.month }
                        for (m, v) in r.values.metrics { el("td", ["class": "num"]) { m.isMoney ? Money(fen: v).yuanText : "\(v)" } }
                        el("td") {
                            Beijing.format(r.submittedAt, pattern: "yyyy-MM-dd") + " "
                            el("span", ["class": r.isOnTime ? "tag" : "tag off"]) { chrome.t(r.isOnTime ? "network.record.onTime" : "network.record.late") }
                        }
                    }
                }
            }
        } }
    }

    // MARK: Create and edit

    static let textFields = ["type", "name", "divisionCode", "address", "latitude", "longitude", "areaM2", "operatorName", "operatorPhone", "servicePhone",
                             "contractorName", "openingHours", "status", "statusSince", "skuCount", "populationServed", "deliveryRadiusKm", "storageKind", "notes", "servedDivisions"]

    @Sendable func newForm(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        var form = FormState(values: ["type": FacilityType.villageStation.rawValue, "status": FacilityStatus.planned.rawValue, "statusSince": Day.today().iso])
        if let division = req.query[String.self, at: "division"] { form.values["divisionCode"] = division }
        return try await renderForm(req, viewer, form, services: [DefaultService.parcels.rawValue, DefaultService.pickup.rawValue], facility: nil, status: .ok)
    }

    func renderForm(_ req: Request, _ viewer: NetworkViewer, _ form: FormState, services: [String], facility: Facility?, status: HTTPResponseStatus) async throws -> Response {
        let chrome = try await req.chrome()
        let catalogue = try await NetworkQueries.catalogue(county: viewer.county, on: req.db)
        let lang = chrome.context.language
        let full = viewer.canManage
        let action = facility.flatMap { $0.id }.map { SiteURL.networkFacilityEdit($0).path } ?? SiteURL.networkFacilityNew.path
        let title = facility.map { chrome.t("network.facility.edit") + "：" + $0.name } ?? chrome.t("network.facility.new")
        return .html(Layout.page(chrome, title: title) {
            el("form", ["method": "post", "action": action, "class": "panel"]) {
                Layout.csrfField(req.context)
                Forms.errorSummary(chrome, form)
                if full {
                    Forms.select(chrome, form, name: "type", label: chrome.t("network.field.type"), options: FacilityType.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
                    Forms.field(chrome, form, name: "name", label: chrome.t("network.field.name"), required: true)
                    Forms.field(chrome, form, name: "divisionCode", label: chrome.t("network.field.divisionCode"), required: true, hint: chrome.t("network.field.divisionCode.hint"))
                    Forms.field(chrome, form, name: "address", label: chrome.t("network.field.address"))
                    el("div", ["class": "pair"]) {
                        Forms.field(chrome, form, name: "latitude", label: chrome.t("network.field.latitude"), hint: "28.59")
                        Forms.field(chrome, form, name: "longitude", label: chrome.t("network.field.longitude"), hint: "119.27")
                    }
                    Forms.field(chrome, form, name: "areaM2", label: chrome.t("network.field.areaM2"))
                    Forms.field(chrome, form, name: "operatorName", label: chrome.t("network.field.operatorName"))
                    Forms.field(chrome, form, name: "operatorPhone", label: chrome.t("network.field.operatorPhone"), type: "tel", hint: chrome.t("network.field.operatorPhone.hint"))
                }
                Forms.field(chrome, form, name: "servicePhone", label: chrome.t("network.field.servicePhone"), type: "tel", hint: chrome.t("network.field.servicePhone.hint"))
                Forms.field(chrome, form, name: "openingHours", label: chrome.t("network.field.openingHours"), hint: "08:00–20:00")
                if full {
                    Forms.field(chrome, form, name: "contractorName", label: chrome.t("network.field.contractorName"))
                    if facility == nil {
                        Forms.select(chrome, form, name: "status", label: chrome.t("network.field.status"), options: FacilityStatus.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
                        Forms.field(chrome, form, name: "statusSince", label: chrome.t("network.field.statusSince"), type: "date")
                    }
                    NetworkViews.checkbox("signage", label: chrome.t("network.field.signage"), checked: form["signage"] == "1")
                    NetworkViews.checkbox("demonstration", label: chrome.t("network.field.demonstration"), checked: form["demonstration"] == "1")
                }
                el("fieldset", ["class": form.errors["services"] == nil ? "services" : "services invalid"]) {
                    el("legend") { chrome.t("network.field.services") }
                    for s in catalogue {
                        el("label", ["class": "check"]) {
                            el("input", ["type": "checkbox", "name": "services[]", "value": s.code, "checked": services.contains(s.code) ? "" : nil])
                            " " + (lang == .zh ? s.zh : s.en)
                        }
                    }
                    if let e = form.errors["services"] { el("p", ["class": "error"]) { chrome.t(e) } }
                }
                if full {
                    Forms.field(chrome, form, name: "servedDivisions", label: chrome.t("network.field.servedDivisions"), hint: chrome.t("network.field.servedDivisions.hint"))
                    el("details", ["open": (form["skuCount"] + form["populationServed"] + form["deliveryRadiusKm"] + form["storageKind"]).isEmpty ? nil : ""]) {
                        el("summary") { chrome.t("network.field.commerce") + " / " + chrome.t("network.field.storageKind") }
                        Forms.field(chrome, form, name: "skuCount", label: chrome.t("network.field.skuCount"))
                        Forms.field(chrome, form, name: "populationServed", label: chrome.t("network.field.populationServed"))
                        Forms.field(chrome, form, name: "deliveryRadiusKm", label: chrome.t("network.field.deliveryRadiusKm"))
                        Forms.select(chrome, form, name: "storageKind", label: chrome.t("network.field.storageKind"),
                                     options: [("", "—")] + StorageKind.allCases.map { ($0.rawValue, chrome.t($0.messageKey)) })
                    }
                    NetworkViews.textarea(chrome, form, name: "notes", label: chrome.t("network.field.notes"))
                }
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.save") }
                " "
                el("a", ["href": facility.flatMap { $0.id }.map { SiteURL.networkFacility($0).path } ?? SiteURL.networkFacilities.path]) { chrome.t("common.cancel") }
            }
        }, status: status)
    }

    struct FacilityForm: Content {
        var type: String?, name: String?, divisionCode: String?, address: String?, latitude: String?, longitude: String?, areaM2: String?
        var operatorName: String?, operatorPhone: String?, servicePhone: String?, contractorName: String?, openingHours: String?
        var status: String?, statusSince: String?, signage: String?, demonstration: String?, skuCount: String?, populationServed: String?
        var deliveryRadiusKm: String?, storageKind: String?, notes: String?, servedDivisions: String?, services: [String]?
    }

    func input(from f: FacilityForm) -> FacilityInput {
        var i = FacilityInput()
        i.type = f.type ?? ""; i.name = f.name ?? ""; i.divisionCode = f.divisionCode ?? ""; i.address = f.address ?? ""
        i.latitude = f.latitude ?? ""; i.longitude = f.longitude ?? ""; i.areaM2 = f.areaM2 ?? ""; i.operatorName = f.operatorName ?? ""
        i.operatorPhone = f.operatorPhone ?? ""; i.servicePhone = f.servicePhone ?? ""; i.contractorName = f.contractorName ?? ""
        i.openingHours = f.openingHours ?? ""; i.status = f.status ?? ""; i.statusSince = f.statusSince ?? ""
        i.signage = f.signage == "1"; i.demonstration = f.demonstration == "1"; i.skuCount = f.skuCount ?? ""
        i.populationServed = f.populationServed ?? ""; i.deliveryRadiusKm = f.deliveryRadiusKm ?? ""; i.storageKind = f.storageKind ?? ""
        i.notes = f.notes ?? ""; i.services = f.services ?? []
        i.servedDivisions = (f.servedDivisions ?? "").split(whereSeparator: { "、,，;； \n".contains($0) }).map(String.init)
        return i
    }

    func formState(_ i: FacilityInput) -> FormState {
        FormState(values: ["type": i.type, "name": i.name, "divisionCode": i.divisionCode, "address": i.address, "latitude": i.latitude,
                           "longitude": i.longitude, "areaM2": i.areaM2, "operatorName": i.operatorName, "operatorPhone": i.operatorPhone,
                           "servicePhone": i.servicePhone, "contractorName": i.contractorName, "openingHours": i.openingHours, "status": i.status,
                           "statusSince": i.statusSince, "signage": i.signage ? "1" : "", "demonstration": i.demonstration ? "1" : "",
                           "skuCount": i.skuCount, "populationServed": i.populationServed, "deliveryRadiusKm": i.deliveryRadiusKm,
                           "storageKind": i.storageKind, "notes": i.notes, "servedDivisions": i.servedDivisions.joined(separator: " ")])
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        let input = input(from: try req.content.decode(FacilityForm.self))
        do {
            let f = try await NetworkService.create(input, county: viewer.county, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.networkFacility(try f.requireID()).path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            var form = formState(input)
            form.errors = failure.fields
            return try await renderForm(req, viewer, form, services: input.services, facility: nil, status: .unprocessableEntity)
        }
    }

    @Sendable func editForm(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        guard viewer.canOperate(f) else { throw Abort(.forbidden) }
        let id = try f.requireID()
        let input = FacilityInput(f, services: try await NetworkService.services(of: id, on: req.db), served: try await NetworkService.servedDivisions(of: id, on: req.db))
        return try await renderForm(req, viewer, formState(input), services: input.services, facility: f, status: .ok)
    }

    @Sendable func update(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        guard viewer.canOperate(f) else { throw Abort(.forbidden) }
        let id = try f.requireID()
        let posted = try req.content.decode(FacilityForm.self)
        var input: FacilityInput
        do {
            if viewer.canManage {
                input = self.input(from: posted)
                // Status changes go through the status form (with their effective day).
                input.status = f.status
                input.statusSince = f.statusSince
                try await NetworkService.update(f, with: input, actor: req.actor, on: req.db)
            } else {
                input = FacilityInput(f, services: posted.services ?? [], served: try await NetworkService.servedDivisions(of: id, on: req.db))
                input.openingHours = posted.openingHours ?? ""
                input.servicePhone = posted.servicePhone ?? ""
                try await NetworkService.updateOperational(f, openingHours: input.openingHours, servicePhone: input.servicePhone,
                                                           services: input.services, actor: req.actor, on: req.db)
            }
            return req.redirect(to: SiteURL.networkFacility(id).path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            let current = FacilityInput(f, services: posted.services ?? [], served: [])
            var form = formState(viewer.canManage ? self.input(from: posted) : current)
            if !viewer.canManage { form.values["openingHours"] = posted.openingHours ?? ""; form.values["servicePhone"] = posted.servicePhone ?? "" }
            form.errors = failure.fields
            return try await renderForm(req, viewer, form, services: posted.services ?? [], facility: f, status: .unprocessableEntity)
        }
    }

    @Sendable func changeStatus(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        try viewer.requireManage()
        guard let status = (try? req.content.get(String.self, at: "status")).flatMap(FacilityStatus.init(rawValue:)),
              let day = (try? req.content.get(String.self, at: "effectiveOn")).flatMap({ Day($0) }) else {
            return try redirectBack(req, f, ValidationFailure(["status": "error.invalid"]))
        }
        do {
            try await NetworkService.changeStatus(f, to: status, on: day, note: (try? req.content.get(String.self, at: "note")) ?? "", actor: req.actor, on: req.db)
        } catch let failure as ValidationFailure { return try redirectBack(req, f, failure) }
        return req.redirect(to: SiteURL.networkFacility(try f.requireID()).path + "?flash=common.saved")
    }

    @Sendable func linkOperator(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        try viewer.requireManage()
        let username = (try? req.content.get(String.self, at: "username")) ?? ""
        guard let user = try await AccountService.findByUsername(username, on: req.db), user.countyCode == viewer.county.value else {
            return try redirectBack(req, f, ValidationFailure(["username": "network.error.userUnknown"]))
        }
        do { try await NetworkService.linkOperator(user, to: f, actor: req.actor, on: req.db) }
        catch let failure as ValidationFailure { return try redirectBack(req, f, failure) }
        return req.redirect(to: SiteURL.networkFacility(try f.requireID()).path + "?flash=common.saved")
    }

    /// Removes an operator's link to this station (the account stays; it just runs no station).
    @Sendable func unlinkOperator(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        try viewer.requireManage()
        guard let userID = req.parameters.get("user", as: UUID.self) else { throw Abort(.notFound) }
        guard try await NetworkService.unlinkOperator(userID: userID, from: try f.requireID(), actor: req.actor, on: req.db) else { throw Abort(.notFound) }
        return req.redirect(to: SiteURL.networkFacility(try f.requireID()).path + "?flash=common.saved")
    }

    /// Small forms on the station page: a rejected value comes back as a message at the top of the page.
    func redirectBack(_ req: Request, _ f: Facility, _ failure: ValidationFailure) throws -> Response {
        let key = failure.fields.values.sorted().first ?? "error.invalid"
        let flash = "flash." + (key.hasPrefix("network.error.") ? String(key.dropFirst("network.error.".count)) : "invalid")
        return req.redirect(to: SiteURL.networkFacility(try f.requireID()).path + "?flash=" + (Catalogue.has(flash) ? flash : "flash.invalid"))
    }

    // MARK: Photos

    struct PhotoUpload: Content { var photo: File?; var caption: String? }

    @Sendable func uploadPhoto(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        guard viewer.canOperate(f) else { throw Abort(.forbidden) }
        let upload = try req.content.decode(PhotoUpload.self)
        let data = upload.photo.map { Data(buffer: $0.data) } ?? Data()
        do { _ = try await PhotoStore.add(data, caption: upload.caption ?? "", to: f, dataDir: req.application.settings.dataDir, actor: req.actor, on: req.db) }
        catch let failure as ValidationFailure { return try redirectBack(req, f, failure) }
        return req.redirect(to: SiteURL.networkFacility(try f.requireID()).path + "?flash=common.saved")
    }

    @Sendable func photo(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        guard let photoID = req.parameters.get("photo", as: UUID.self),
              let p = try await FacilityPhoto.query(on: req.db).filter(\.$id == photoID).filter(\.$facilityID == (f.id ?? UUID())).first(),
              let data = FileManager.default.contents(atPath: PhotoStore.path(dataDir: req.application.settings.dataDir, sha256: p.sha256)) else {
            throw Abort(.notFound)
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: p.contentType)
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=86400")
        return response
    }

    // MARK: Monthly records

    @Sendable func recordForm(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        guard viewer.canOperate(f) else { throw Abort(.forbidden) }
        let month = req.query[String.self, at: "month"].flatMap(Month.init) ?? Day.today().monthKey.previous
        let existing = try await OperatingRecord.query(on: req.db).filter(\.$facilityID == (f.id ?? UUID())).filter(\.$month == month.text).first()
        var form = FormState(values: ["month": month.text])
        if let v = existing?.values { form.values.merge(valuesForm(v)) { $1 } }
        return try await renderRecordForm(req, f, form, warnings: [], status: .ok)
    }

    func valuesForm(_ v: RecordValues) -> [String: String] {
        var out: [String: String] = [:]
        for (m, value) in v.metrics { out[m.rawValue] = m.isMoney ? Money(fen: value).yuanText : "\(value)" }
        return out
    }

    func renderRecordForm(_ req: Request, _ f: Facility, _ form: FormState, warnings: [Plausibility.Warning], status: HTTPResponseStatus) async throws -> Response {
        let chrome = try await req.chrome()
        let id = try f.requireID()
        let month = Month(form["month"]) ?? Day.today().monthKey.previous
        let existing = try await OperatingRecord.query(on: req.db).filter(\.$facilityID == id).filter(\.$month == month.text).first()
        var months: [Month] = []
        var m = Day.today().monthKey
        for _ in 0..<13 { months.append(m); m = m.previous }
        if !months.contains(month) { months.append(month) }
        return .html(Layout.page(chrome, title: chrome.t("network.record.new")) {
            el("p") { el("a", ["href": SiteURL.networkFacility(id).path]) { f.name } }
            // Choosing another month reloads the form with that month's figures.
            el("form", ["method": "get", "action": SiteURL.networkRecordNew(id).path, "class": "filters"]) {
                Forms.select(chrome, FormState(values: ["month": month.text]), name: "month", label: chrome.t("network.record.month"),
                             options: months.map { ($0.text, $0.text) })
                el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("network.record.switch") }
            }
            el("form", ["method": "post", "action": SiteURL.networkRecordNew(id).path, "class": "panel narrow"]) {
                Layout.csrfField(req.context)
                el("input", ["type": "hidden", "name": "month", "value": month.text])
                Forms.errorSummary(chrome, form)
                if let e = form.errors["month"] { el("p", ["class": "error"]) { chrome.t(e) } }
                if !warnings.isEmpty {
                    el("div", ["class": "alert-warn", "role": "alert"]) {
                        el("strong") { chrome.t("network.plausibility.title") }
                        el("ul") {
                            for w in warnings {
                                el("li") {
                                    chrome.t(w.metric.messageKey) + "："
                                        + chrome.t("network.plausibility.warning", w.metric.isMoney ? Money(fen: w.value).yuanText : "\(w.value)",
                                                   w.metric.isMoney ? Money(fen: w.median).yuanText : "\(w.median)")
                                }
                            }
                        }
                        NetworkViews.checkbox("confirmed", label: chrome.t("network.plausibility.confirm"), checked: false)
                    }
                }
                el("p", ["class": existing == nil ? "hint" : "notice"]) {
                    if let existing { chrome.t("network.record.correcting", month.text, Beijing.format(existing.submittedAt)) + " " }
                    chrome.t("network.record.deadline", "\(ReportingRules.deadlineDay)")
                }
                for m in RecordMetric.allCases {
                    NetworkViews.number(chrome, form, name: m.rawValue, label: chrome.t(m.messageKey), decimal: m.isMoney)
                }
                el("button", ["type": "submit", "class": "btn block"]) { chrome.t("network.record.save", month.text) }
            }
        }, status: status)
    }

    @Sendable func saveRecord(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        let f = try await req.visibleFacility(viewer)
        guard viewer.canOperate(f) else { throw Abort(.forbidden) }
        var form = FormState()
        for key in ["month"] + RecordMetric.allCases.map(\.rawValue) { form.values[key] = ((try? req.content.get(String.self, at: key)) ?? "").trimmingCharacters(in: .whitespaces) }
        var values = RecordValues()
        for m in RecordMetric.allCases {
            let text = form[m.rawValue].replacingOccurrences(of: ",", with: "")
            if text.isEmpty { continue }
            if m.isMoney {
                guard let money = try? Money(yuan: text) else { form.errors[m.rawValue] = "network.import.amount"; continue }
                values.set(m, money.fen)
            } else {
                guard let n = Int64(text) else { form.errors[m.rawValue] = "network.import.count"; continue }
                values.set(m, n)
            }
        }
        guard let month = Month(form["month"]) else { form.errors["month"] = "network.import.month"; return try await renderRecordForm(req, f, form, warnings: [], status: .unprocessableEntity) }
        guard form.errors.isEmpty else { return try await renderRecordForm(req, f, form, warnings: [], status: .unprocessableEntity) }
        let confirmed = ((try? req.content.get(String.self, at: "confirmed")) ?? "") == "1"
        do {
            switch try await NetworkService.saveRecord(f, month: month, values: values, confirmed: confirmed, actor: req.actor, on: req.db) {
            case .saved: return req.redirect(to: SiteURL.networkFacility(try f.requireID()).path + "?flash=common.saved")
            case .needsConfirmation(let warnings): return try await renderRecordForm(req, f, form, warnings: warnings, status: .ok)
            }
        } catch let failure as ValidationFailure {
            form.errors = failure.fields
            return try await renderRecordForm(req, f, form, warnings: [], status: .unprocessableEntity)
        }
    }

    // MARK: Map and reporting

    @Sendable func map(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireCountyWide()
        let facilities = try await NetworkQueries.facilities(county: viewer.county, on: req.db)
        let names = try await NetworkQueries.divisionNames(county: viewer.county, on: req.db)
        let chrome = try await req.chrome()
        let lang = chrome.context.language
        let points = facilities.compactMap { f -> NetworkMap.Point? in
            guard let lat = f.latitude, let lon = f.longitude else { return nil }
            // Township-level stations carry their township's name, so the map can be read without tiles.
            let label = f.facilityType.servesLevel == .township && f.facilityType != .commerceCentre ? names[f.divisionCode] : nil
            return NetworkMap.Point(name: f.name, type: f.facilityType, status: f.facilityStatus, latitude: lat, longitude: lon,
                                    link: f.id.map { SiteURL.networkFacility($0).path }, label: label)
        }
        let labels = NetworkMap.Labels(title: chrome.t("network.map.title"), type: { Catalogue.text($0.messageKey, lang) },
                                       status: { Catalogue.text($0.messageKey, lang) }, empty: chrome.t("network.map.empty"))
        let svg = NetworkMap.svg(points, labels: labels)
        let missing = Dictionary(grouping: facilities.filter { $0.latitude == nil || $0.longitude == nil }) { (DivisionCode.townshipOf($0.divisionCode) ?? $0.divisionCode) }
        return .html(Layout.page(chrome, title: chrome.t("network.map")) {
            NetworkViews.subnav(chrome, viewer, current: SiteURL.networkMap.path)
            el("div", ["class": "panel chart map"]) { Node.raw(svg) }
            el("p", ["class": "muted small"]) { chrome.t("network.map.legend") }
            if !missing.isEmpty {
                el("h2") { chrome.t("network.map.noCoordinates") }
                el("div", ["class": "panel"]) {
                    for township in missing.keys.sorted() {
                        el("p") {
                            el("strong") { (names[township] ?? township) + "：" }
                            for (i, f) in (missing[township] ?? []).enumerated() {
                                if i > 0 { "、" }
                                el("a", ["href": SiteURL.networkFacility(f.id ?? UUID()).path]) { f.name }
                            }
                        }
                    }
                }
            }
        })
    }

    @Sendable func reporting(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireCountyWide()
        let through = req.query[String.self, at: "month"].flatMap(Month.init) ?? Day.today().monthKey.previous
        let snapshots = try await NetworkQueries.snapshots(county: viewer.county, on: req.db)
        let list = try await NetworkQueries.completeness(county: viewer.county, through: through, months: 12, snapshots: snapshots, on: req.db)
        let byID = Dictionary(snapshots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let chrome = try await req.chrome()
        let chart = SVG.lineChart(title: chrome.t("network.reporting"), labels: list.reversed().map { String($0.month.suffix(5)) },
                                  series: [SVG.Series(chrome.t("network.reporting.rate"), list.reversed().map { c in c.reportingRate.map { Double($0.numerator) / Double($0.denominator) * 100 } }),
                                           SVG.Series(chrome.t("network.reporting.onTimeRate"), list.reversed().map { c in c.onTimeRate.map { Double($0.numerator) / Double($0.denominator) * 100 } })],
                                  format: .number(decimals: 0, unit: "%"))
        let latest = list.first
        return .html(Layout.page(chrome, title: chrome.t("network.reporting")) {
            NetworkViews.subnav(chrome, viewer, current: SiteURL.networkReporting.path)
            el("p", ["class": "muted small"]) { chrome.t("network.reporting.rule", "\(ReportingRules.deadlineDay)") }
            el("div", ["class": "panel chart"]) { Node.raw(chart) }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    el("th") { chrome.t("network.record.month") }
                    for key in ["network.reporting.expected", "network.reporting.reported", "network.reporting.onTime", "network.reporting.rate", "network.reporting.onTimeRate"] {
                        el("th", ["class": "num"]) { chrome.t(key) }
                    }
                } }
                el("tbody") { for c in list { el("tr") {
                    el("td") { el("a", ["href": SiteURL.networkReporting.path + "?month=" + c.month]) { c.month } }
                    el("td", ["class": "num"]) { "\(c.expected)" }
                    el("td", ["class": "num"]) { "\(c.reported)" }
                    el("td", ["class": "num"]) { "\(c.onTime)" }
                    el("td", ["class": "num"]) { c.reportingRate?.percentText ?? "—" }
                    el("td", ["class": "num"]) { c.onTimeRate?.percentText ?? "—" }
                } } }
            } }
            if let latest {
                el("h2") { chrome.t("network.reporting.missing") + " · " + latest.month + " (\(latest.missing.count))" }
                el("p") {
                    for (i, id) in latest.missing.enumerated() {
                        if i > 0 { "、" }
                        el("a", ["href": SiteURL.networkFacility(id).path]) { byID[id]?.name ?? id.uuidString }
                    }
                }
                el("h2") { chrome.t("network.record.late") + " · " + latest.month + " (\(latest.late.count))" }
                el("p") {
                    for (i, id) in latest.late.enumerated() {
                        if i > 0 { "、" }
                        el("a", ["href": SiteURL.networkFacility(id).path]) { byID[id]?.name ?? id.uuidString }
                    }
                }
            }
            if viewer.canManage {
                el("p") { el("a", ["class": "btn secondary", "href": SiteURL.networkRecordsImport.path]) { chrome.t("network.import.records") } }
            }
        })
    }

    // MARK: Imports

    @Sendable func importForm(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        return try await renderImport(req, viewer, message: nil, issues: [], status: .ok)
    }

    func renderImport(_ req: Request, _ viewer: NetworkViewer, message: String?, issues: [ImportIssue], status: HTTPResponseStatus) async throws -> Response {
        let chrome = try await req.chrome()
        return .html(Layout.page(chrome, title: chrome.t("network.import")) {
            NetworkViews.subnav(chrome, viewer, current: SiteURL.networkImport.path)
            if let message { el("p", ["class": issues.isEmpty ? "flash" : "error-summary", "role": "status"]) { message } }
            if !issues.isEmpty { NetworkViews.issues(chrome, issues) }
            el("form", ["method": "post", "action": SiteURL.networkImport.path, "enctype": "multipart/form-data", "class": "panel"]) {
                Layout.csrfField(req.context)
                el("div", ["class": "field"]) {
                    el("label", ["for": "f-file"]) { chrome.t("network.import.file") }
                    el("input", ["id": "f-file", "type": "file", "name": "file", "accept": ".xlsx,.csv", "required": ""])
                }
                el("p", ["class": "hint"]) { chrome.t("network.import.layout", StationLedger.columns.filter(\.importable).map(\.zh).joined(separator: "、")) }
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("network.import") }
                " "
                el("a", ["href": SiteURL.networkLedgerExport("xlsx").path]) { chrome.t("network.export") }
            }
            el("p") { el("a", ["class": "btn secondary", "href": SiteURL.networkRecordsImport.path]) { chrome.t("network.import.records") } }
        }, status: status)
    }

    struct Upload: Content { var file: File?; var confirmed: String? }

    @Sendable func importLedger(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await renderImport(req, viewer, message: req.context.t("network.import.empty"), issues: [ImportIssue(row: 0, key: "error.required")], status: .badRequest)
        }
        do {
            let r = try await StationLedger.importFile(Data(buffer: file.data), county: viewer.county, actor: req.actor, on: req.db)
            return try await renderImport(req, viewer, message: req.context.t("network.import.done", "\(r.created)", "\(r.updated)", "\(r.unchanged)"), issues: [], status: .ok)
        } catch let failed as ImportFailed {
            return try await renderImport(req, viewer, message: req.context.t("network.import.rejected", "\(failed.issues.count)"), issues: failed.issues, status: .unprocessableEntity)
        }
    }

    @Sendable func recordsImportForm(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        return try await renderRecordsImport(req, viewer, message: nil, issues: [], warnings: false, status: .ok)
    }

    func renderRecordsImport(_ req: Request, _ viewer: NetworkViewer, message: String?, issues: [ImportIssue], warnings: Bool, status: HTTPResponseStatus) async throws -> Response {
        let chrome = try await req.chrome()
        return .html(Layout.page(chrome, title: chrome.t("network.import.records")) {
            NetworkViews.subnav(chrome, viewer, current: "")
            if let message { el("p", ["class": issues.isEmpty ? "flash" : (warnings ? "alert-warn" : "error-summary"), "role": "status"]) { message } }
            if !issues.isEmpty { NetworkViews.issues(chrome, issues) }
            el("form", ["method": "post", "action": SiteURL.networkRecordsImport.path, "enctype": "multipart/form-data", "class": "panel"]) {
                Layout.csrfField(req.context)
                el("div", ["class": "field"]) {
                    el("label", ["for": "f-file"]) { chrome.t("network.import.recordsFile") }
                    el("input", ["id": "f-file", "type": "file", "name": "file", "accept": ".xlsx,.csv", "required": ""])
                }
                el("p", ["class": "hint"]) { chrome.t("network.import.layout", RecordLedger.columns.map(\.zh).joined(separator: "、")) }
                if warnings { NetworkViews.checkbox("confirmed", label: chrome.t("network.plausibility.confirmImport"), checked: false) }
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("network.import.records") }
                " "
                el("a", ["href": SiteURL.networkRecordsTemplate.path]) { chrome.t("network.import.template") }
            }
        }, status: status)
    }

    @Sendable func importRecords(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await renderRecordsImport(req, viewer, message: req.context.t("network.import.empty"), issues: [ImportIssue(row: 0, key: "error.required")], warnings: false, status: .badRequest)
        }
        do {
            let r = try await RecordLedger.importFile(Data(buffer: file.data), county: viewer.county, confirmed: upload.confirmed == "1", actor: req.actor, on: req.db)
            if r.saved == 0 && !r.warnings.isEmpty {
                return try await renderRecordsImport(req, viewer, message: req.context.t("network.import.warnings", "\(r.warnings.count)"), issues: r.warnings, warnings: true, status: .ok)
            }
            return try await renderRecordsImport(req, viewer, message: req.context.t("network.import.recordsDone", "\(r.saved)"), issues: [], warnings: false, status: .ok)
        } catch let failed as ImportFailed {
            return try await renderRecordsImport(req, viewer, message: req.context.t("network.import.rejected", "\(failed.issues.count)"), issues: failed.issues, warnings: false, status: .unprocessableEntity)
        }
    }

    @Sendable func recordsTemplate(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        return Downloads.file(try RecordLedger.template(), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: "monthly-records-template.xlsx")
    }

    // MARK: Service catalogue

    @Sendable func services(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireCountyWide()
        return try await renderServices(req, viewer, FormState(), status: .ok)
    }

    func renderServices(_ req: Request, _ viewer: NetworkViewer, _ form: FormState, status: HTTPResponseStatus) async throws -> Response {
        let catalogue = try await NetworkQueries.catalogue(county: viewer.county, on: req.db)
        let chrome = try await req.chrome()
        let lang = chrome.context.language
        return .html(Layout.page(chrome, title: chrome.t("network.services")) {
            NetworkViews.subnav(chrome, viewer, current: SiteURL.networkServices.path)
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") { el("th") { chrome.t("common.code") }; el("th") { chrome.t("common.name") }; el("th") { chrome.t("divisions.kind") } } }
                el("tbody") { for s in catalogue { el("tr") {
                    el("td") { s.code }
                    el("td") { lang == .zh ? s.zh : s.en }
                    el("td") { chrome.t(s.custom ? "network.service.custom" : "network.service.default") }
                } } }
            } }
            if viewer.canManage {
                el("form", ["method": "post", "action": SiteURL.networkServices.path, "class": "panel filters"]) {
                    Layout.csrfField(req.context)
                    Forms.field(chrome, form, name: "name", label: chrome.t("network.service.add"), required: true)
                    el("button", ["type": "submit", "class": "btn"]) { chrome.t("common.create") }
                }
            }
        }, status: status)
    }

    @Sendable func addService(_ req: Request) async throws -> Response {
        let viewer = try await req.networkViewer()
        try viewer.requireManage()
        let name = (try? req.content.get(String.self, at: "name")) ?? ""
        do {
            _ = try await NetworkService.addService(name: name, county: viewer.county, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.networkServices.path + "?flash=common.saved")
        } catch let failure as ValidationFailure {
            return try await renderServices(req, viewer, FormState(values: ["name": name], errors: failure.fields), status: .unprocessableEntity)
        }
    }

    // MARK: Public directory

    /// Facilities villagers go to (not warehouses, live rooms, parks or the sorting centre).
    static let publicTypes: Set<FacilityType> = [.countyServiceCentre, .townshipStation, .townshipHub, .villageStation, .commerceCentre, .o2oStore]

    /// 政务公开: operating stations with their services, opening hours and published service
    /// phone. Never the operator's personal phone.
    @Sendable func publicDirectory(_ req: Request) async throws -> Response {
        guard let text = req.parameters.get("county"), let code = try? DivisionCode(text), code.level == .county,
              let county = try await Division.find(code.value, on: req.db) else { throw Abort(.notFound) }
        let facilities = try await NetworkQueries.facilities(county: code, filter: FacilityFilter(status: .operating), on: req.db)
            .filter { Self.publicTypes.contains($0.facilityType) }
        let services = try await NetworkQueries.servicesByFacility(county: code, on: req.db)
        let catalogue = try await NetworkQueries.catalogue(county: code, on: req.db)
        let names = try await NetworkQueries.divisionNames(county: code, on: req.db)
        var chrome = try await req.chrome()
        chrome.countyName = try await DivisionQueries.fullName(of: code, on: req.db)
        let lang = chrome.context.language
        let byTownship = Dictionary(grouping: facilities) { (DivisionCode.townshipOf($0.divisionCode) ?? $0.divisionCode) }
        return .html(Layout.page(chrome, title: county.name + chrome.t("network.public.title")) {
            el("p") { chrome.t("network.public.intro") }
            el("p", ["class": "muted"]) { chrome.t("network.public.count", "\(facilities.count)") }
            el("nav", ["class": "subnav", "aria-label": chrome.t("network.field.township")]) {
                for township in byTownship.keys.sorted() { el("a", ["href": "#t" + township]) { names[township] ?? township } }
            }
            for township in byTownship.keys.sorted() {
                el("h2", ["id": "t" + township]) { names[township] ?? chrome.t("division.level.county") }
                el("div", ["class": "directory"]) {
                    for f in byTownship[township] ?? [] {
                        el("div", ["class": "entry"]) {
                            el("h3") { f.name }
                            el("p", ["class": "muted"]) { chrome.t(f.facilityType.messageKey) + " · " + divisionLabel(f.divisionCode, names) }
                            if !f.address.isEmpty { el("p") { chrome.t("network.field.address") + "：" + f.address } }
                            el("p") { chrome.t("network.field.openingHours") + "：" + (f.openingHours.isEmpty ? "—" : f.openingHours) }
                            if let phone = f.servicePhone, !phone.isEmpty {
                                el("p") { chrome.t("network.field.servicePhone") + "："; el("a", ["href": "tel:" + phone]) { phone } }
                            }
                            let list = services[f.id ?? UUID()] ?? []
                            if !list.isEmpty { el("p") { chrome.t("network.field.services") + "：" + NetworkViews.serviceNames(list, catalogue: catalogue, language: lang) } }
                        }
                    }
                }
            }
        })
    }
}
