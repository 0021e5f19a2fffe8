#!/usr/bin/env python3
"""Generates ../pmtu-watch.ndjson, the Kibana saved objects of pmtu-watch (Kibana 8.19+).

Saved-object JSON is verbose and repetitive (Lens columns, references, stringified attributes);
writing it by hand invites broken references. This script is the source; the NDJSON is the
artifact that `pmtu-stream setup` imports and that the Java tests check against the mappings the
pipeline really produces. Run it after editing: python3 dashboards/src/generate_saved_objects.py (a test fails while the
committed NDJSON differs from what this writes).
"""
import json
import os
import sys

CORE = "8.8.0"
VERSIONS = {"index-pattern": "8.0.0", "lens": "8.9.0", "search": "8.0.0", "dashboard": "10.2.0"}

DATA_VIEWS = {
    "diagnoses": ("pmtu-watch-diagnoses", "pmtu-diagnoses*", "pmtu: diagnoses"),
    "drops": ("pmtu-watch-mtu-drops", "pmtu-mtu-drops*", "pmtu: MTU drops"),
    "anomalies": ("pmtu-watch-anomalies", "pmtu-anomalies*", "pmtu: anomaly windows"),
    "links": ("pmtu-watch-links", "pmtu-links*", "pmtu: links"),
    "paths": ("pmtu-watch-paths", "pmtu-paths*", "pmtu: path status"),
}
OVERVIEW_ID = "pmtu-watch-overview"
PATH_DETAIL_ID = "pmtu-watch-path-detail"


def obj(type_, id_, attributes, references=()):
    return {"type": type_, "id": id_, "attributes": attributes, "references": list(references),
            "coreMigrationVersion": CORE, "typeMigrationVersion": VERSIONS[type_], "managed": False}


def data_view(key):
    id_, title, name = DATA_VIEWS[key]
    return obj("index-pattern", id_, {
        "title": title, "name": name, "timeFieldName": "@timestamp",
        "fields": "[]", "fieldAttrs": "{}", "fieldFormatMap": "{}", "runtimeFieldMap": "{}",
        "sourceFilters": "[]", "typeMeta": "{}"})


# ---- Lens columns -------------------------------------------------------------------------

def terms(field, label, size=10, order_by=None, data_type="string"):
    return {"label": label, "customLabel": True, "dataType": data_type, "operationType": "terms",
            "scale": "ordinal", "sourceField": field, "isBucketed": True,
            "params": {"size": size, "orderDirection": "desc", "otherBucket": False, "missingBucket": False,
                       "parentFormat": {"id": "terms"},
                       "orderBy": {"type": "column", "columnId": order_by} if order_by else {"type": "alphabetical"}}}


def date_histogram():
    return {"label": "@timestamp", "dataType": "date", "operationType": "date_histogram", "sourceField": "@timestamp",
            "isBucketed": True, "scale": "interval",
            "params": {"interval": "auto", "includeEmptyRows": True, "dropPartials": False}}


def count(label="Diagnoses"):
    return {"label": label, "customLabel": True, "dataType": "number", "operationType": "count", "isBucketed": False,
            "scale": "ratio", "sourceField": "___records___", "params": {"emptyAsNull": True}}


def metric(op, field, label, data_type="number"):
    return {"label": label, "customLabel": True, "dataType": data_type, "operationType": op, "sourceField": field,
            "isBucketed": False, "scale": "ratio", "params": {"emptyAsNull": True}}


def last_value(field, label, data_type="string"):
    return {"label": label, "customLabel": True, "dataType": data_type, "operationType": "last_value",
            "sourceField": field, "isBucketed": False, "scale": "ordinal" if data_type != "number" else "ratio",
            "filter": {"language": "kuery", "query": "\"%s\": *" % field},
            "params": {"sortField": "@timestamp", "showArrayValues": True}}


def unique(field, label):
    return {"label": label, "customLabel": True, "dataType": "number", "operationType": "unique_count",
            "sourceField": field, "isBucketed": False, "scale": "ratio", "params": {"emptyAsNull": True}}


# ---- Lens visualizations --------------------------------------------------------------------

def lens(id_, title, description, view, vis_type, columns, visualization, query=""):
    layer = "layer1"
    state = {
        "datasourceStates": {"formBased": {"layers": {layer: {
            "columns": columns, "columnOrder": list(columns.keys()), "incompleteColumns": {}, "sampling": 1}}}},
        "visualization": visualization(layer),
        "query": {"query": query, "language": "kuery"},
        "filters": [], "internalReferences": [], "adHocDataViews": {}}
    return obj("lens", id_, {"title": title, "description": description, "visualizationType": vis_type,
                             "state": state},
               [{"type": "index-pattern", "id": DATA_VIEWS[view][0], "name": "indexpattern-datasource-layer-" + layer}])


def table(id_, title, description, view, columns, query="", sort=None):
    def vis(layer):
        v = {"layerId": layer, "layerType": "data",
             "columns": [{"columnId": c, "isTransposed": False} for c in columns]}
        if sort:
            v["sorting"] = {"columnId": sort[0], "direction": sort[1]}
        return v
    return lens(id_, title, description, view, "lnsDatatable", columns, vis, query)


def xy(id_, title, description, view, columns, series, x, y, split=None, query=""):
    def vis(layer):
        lay = {"layerId": layer, "layerType": "data", "seriesType": series, "xAccessor": x, "accessors": y}
        if split:
            lay["splitAccessor"] = split
        return {"legend": {"isVisible": True, "position": "right"}, "valueLabels": "hide",
                "preferredSeriesType": series, "layers": [lay]}
    return lens(id_, title, description, view, "lnsXY", columns, vis, query)


def heatmap(id_, title, description, view, columns, x, y, value, query=""):
    def vis(layer):
        return {"layerId": layer, "layerType": "data", "shape": "heatmap", "xAccessor": x, "yAccessor": y,
                "valueAccessor": value,
                "gridConfig": {"type": "heatmap_grid", "isCellLabelVisible": True, "isYAxisLabelVisible": True,
                               "isXAxisLabelVisible": True, "isYAxisTitleVisible": True, "isXAxisTitleVisible": True},
                "legend": {"isVisible": True, "position": "right", "type": "heatmap_legend"}}
    return lens(id_, title, description, view, "lnsHeatmap", columns, vis, query)


def saved_search(id_, title, view, columns, query=""):
    source = {"query": {"query": query, "language": "kuery"}, "filter": [],
              "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index"}
    return obj("search", id_, {"title": title, "description": "", "columns": columns,
                               "sort": [["@timestamp", "desc"]], "grid": {}, "hideChart": True,
                               "isTextBasedQuery": False, "timeRestore": False,
                               "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps(source)}},
               [{"type": "index-pattern", "id": DATA_VIEWS[view][0],
                 "name": "kibanaSavedObjectMeta.searchSourceJSON.index"}])


LINKS_DROPPED = table(
    "pmtu-watch-links-where-mtu-dropped", "Links where the MTU dropped",
    "One row per link (reporting router > next hop): MTU before and after, likely cause, how many paths and "
    "agents cross it, last seen.", "drops",
    {"link": terms("pmtu.link.id", "Link (router > next hop)", 50, "last"),
     "before": last_value("pmtu.link.mtu_before", "MTU before", "number"),
     "after": last_value("pmtu.link.mtu_after", "MTU after", "number"),
     "cause": last_value("pmtu.link.likely_cause", "Likely cause"),
     "paths": unique("pmtu.path_id", "Paths"),
     "agents": unique("observer.id", "Agents"),
     "last": metric("max", "@timestamp", "Last seen", "date")},
    sort=("last", "desc"))

FINDINGS_OVER_TIME = xy(
    "pmtu-watch-findings-over-time", "Findings over time by code", "Diagnoses per finding code.", "diagnoses",
    {"time": date_histogram(), "code": terms("pmtu.finding_codes", "Finding", 10, "n"), "n": count()},
    "bar_stacked", "time", ["n"], "code")

PMTU_MSS_OVER_TIME = xy(
    "pmtu-watch-pmtu-mss-over-time", "PMTU and effective MSS per path",
    "Lowest PMTU and effective MSS per path and interval.", "diagnoses",
    {"time": date_histogram(), "path": terms("pmtu.path_id", "Path", 10, "pmtu"),
     "pmtu": metric("min", "pmtu.pmtu", "PMTU"), "mss": metric("min", "pmtu.mss.effective", "Effective MSS")},
    "line", "time", ["pmtu", "mss"], "path")

PATHS_FAILING = table(
    "pmtu-watch-paths-failing-now", "Paths failing now",
    "Latest diagnosis of every path whose status is WARNING or CRITICAL. Click a path to open its detail.",
    "paths",
    {"path": terms("pmtu.path_id", "Path", 100, "seen"),
     "agent": last_value("observer.id", "Agent"),
     "target": last_value("destination.ip", "Target", "ip"),
     "ipv": last_value("network.type", "IP version"),
     "finding": last_value("pmtu.finding", "Finding"),
     "status": last_value("pmtu.status", "Status"),
     "since": metric("max", "pmtu.status_since", "Failing since", "date"),
     "seen": metric("max", "@timestamp", "Last diagnosed", "date")},
    query="pmtu.failing : true", sort=("seen", "desc"))

OPEN_WINDOWS = table(
    "pmtu-watch-anomaly-windows", "Anomaly windows",
    "Windows in which something is wrong on a path or link (latest state each); Since is the window's start, "
    "so for an open PERSISTENT_FINDING window it says since when the path fails.", "anomalies",
    {"window": terms("pmtu.anomaly.id", "Window", 100, "since"),
     "kind": last_value("pmtu.anomaly.kind", "Kind"),
     "subject": last_value("pmtu.anomaly.subject", "Path or link"),
     "state": last_value("pmtu.anomaly.state", "State"),
     "finding": last_value("pmtu.anomaly.finding_code", "Finding"),
     "worst": last_value("pmtu.anomaly.worst_pmtu", "Worst PMTU", "number"),
     "since": metric("min", "event.start", "Since", "date"),
     "end": metric("max", "event.end", "Ended", "date")},
    sort=("since", "desc"))

STATUS_GRID = heatmap(
    "pmtu-watch-agent-target-grid", "Agent x target status",
    "Latest status per agent and target: 0 OK/INFO, 1 WARNING, 2 CRITICAL.", "paths",
    {"agent": terms("observer.id", "Agent", 50), "target": terms("destination.address", "Target", 50),
     "level": metric("max", "pmtu.status_level", "Status level")},
    "agent", "target", "level")

LINKS_ACROSS_AGENTS = table(
    "pmtu-watch-links-across-agents", "Links across agents",
    "Per link, as aggregated by the stream processor over all agents.", "links",
    {"link": terms("pmtu.link.id", "Link", 50, "last"),
     "mtu": last_value("pmtu.link.mtu_after", "MTU", "number"),
     "cause": last_value("pmtu.link.likely_cause", "Likely cause"),
     "agents": metric("max", "pmtu.link.agent_count", "Agents"),
     "paths": metric("max", "pmtu.link.path_count", "Paths"),
     "last": metric("max", "pmtu.link.last_seen", "Last seen", "date")},
    sort=("last", "desc"))

PATH_RUNS = table(
    "pmtu-watch-path-runs", "Runs of this path", "Every diagnosis of the selected path.", "diagnoses",
    {"time": terms("pmtu.run_id", "Run", 50, "at"),
     "pmtu": last_value("pmtu.pmtu", "PMTU", "number"),
     "source": last_value("pmtu.pmtu_source", "PMTU from"),
     "sent": last_value("pmtu.mss.sent", "MSS sent", "number"),
     "received": last_value("pmtu.mss.received", "MSS received", "number"),
     "mss": last_value("pmtu.mss.effective", "Effective MSS", "number"),
     "finding": last_value("pmtu.finding", "Finding"),
     "status": last_value("pmtu.status", "Status"),
     "at": metric("max", "@timestamp", "Diagnosed", "date")},
    sort=("at", "desc"))

PATH_DROPS = table(
    "pmtu-watch-path-mtu-drops", "MTU drops on this path", "Where the MTU drops along the selected path.", "drops",
    {"link": terms("pmtu.link.id", "Link", 20, "last"),
     "ttl": last_value("pmtu.link.router_ttl", "Hop", "number"),
     "before": last_value("pmtu.link.mtu_before", "MTU before", "number"),
     "after": last_value("pmtu.link.mtu_after", "MTU after", "number"),
     "cause": last_value("pmtu.link.likely_cause", "Likely cause"),
     "last": metric("max", "@timestamp", "Last seen", "date")},
    sort=("last", "desc"))

ECMP_NARROW_MEMBERS = table(
    "pmtu-watch-ecmp-narrow-members", "Paths where only some ECMP members are narrow",
    "Paths whose equal-cost members differ (ECMP_NARROW_MEMBER): the router in front of the narrow member's link, "
    "its PMTU against the widest member's, and how many of the probed flows hashed onto it. Only connections on "
    "that member break, so the path looks intermittent to users.", "diagnoses",
    {"path": terms("pmtu.path_id", "Path", 50, "seen"),
     "agent": last_value("observer.id", "Agent"),
     "target": last_value("destination.ip", "Target", "ip"),
     "router": last_value("pmtu.ecmp.narrow_router", "Narrow member's router", "ip"),
     "narrow": last_value("pmtu.ecmp.narrow_pmtu", "Narrow member PMTU", "number"),
     "wide": last_value("pmtu.ecmp.wide_pmtu", "Widest member PMTU", "number"),
     "members": last_value("pmtu.ecmp.member_count", "Members", "number"),
     "narrow_flows": last_value("pmtu.ecmp.narrow_flows", "Flows on the narrow member", "number"),
     "flows": last_value("pmtu.ecmp.flows", "Flows probed", "number"),
     "seen": metric("max", "@timestamp", "Last seen", "date")},
    query="pmtu.finding_codes : \"ECMP_NARROW_MEMBER\"", sort=("seen", "desc"))

RETURN_PATH_PROBLEMS = table(
    "pmtu-watch-return-path-problems", "Return-path problems",
    "Paths whose way back breaks (RETURN_PATH_BLACK_HOLE) or whose target ignores packet-too-big (PTB_IGNORED, "
    "also from passive capture: Seen by CAPTURE): whether full-size segments stalled, the largest segment that "
    "arrived against the target's MSS, the packet-too-big's MTU and whether the sender shrank after it.",
    "diagnoses",
    {"path": terms("pmtu.path_id", "Path", 50, "seen"),
     "agent": last_value("observer.id", "Agent"),
     "target": last_value("destination.ip", "Target", "ip"),
     "finding": last_value("pmtu.finding", "Worst finding"),
     "stalled": last_value("pmtu.return_path.stalled", "Stalled", "boolean"),
     "largest": last_value("pmtu.return_path.largest_segment", "Largest segment arrived", "number"),
     "mss": last_value("pmtu.return_path.target_mss", "Target MSS", "number"),
     "ptb": last_value("pmtu.return_path.ptb_mtu", "Packet-too-big MTU", "number"),
     "shrank": last_value("pmtu.return_path.shrank_after_ptb", "Shrank after it", "boolean"),
     "method": last_value("pmtu.return_path.method", "Seen by"),
     "sender": last_value("pmtu.return_path.sender", "Ignoring sender (capture)", "ip"),
     "seen": metric("max", "@timestamp", "Last seen", "date")},
    query="pmtu.finding_codes : (\"RETURN_PATH_BLACK_HOLE\" or \"PTB_IGNORED\")", sort=("seen", "desc"))

FINDINGS_SEARCH = saved_search(
    "pmtu-watch-findings-explained", "Findings with explanation and fix", "diagnoses",
    ["observer.id", "destination.address", "network.type", "pmtu.status", "pmtu.finding", "message",
     "pmtu.findings.fix"], query="pmtu.failing : true")


def panel(index, x, y, w, h, saved, drilldown_to=None):
    p = {"type": saved["type"], "panelIndex": index, "gridData": {"x": x, "y": y, "w": w, "h": h, "i": index},
         "embeddableConfig": {"enhancements": {}}, "panelRefName": "panel_" + index}
    refs = [{"name": index + ":panel_" + index, "type": saved["type"], "id": saved["id"]}]
    if drilldown_to:
        event = "open-path-detail-" + index
        p["embeddableConfig"]["enhancements"] = {"dynamicActions": {"events": [{
            "eventId": event, "triggers": ["FILTER_TRIGGER"],
            "action": {"factoryId": "DASHBOARD_TO_DASHBOARD_DRILLDOWN", "name": "Open path detail",
                       "config": {"useCurrentFilters": True, "useCurrentDateRange": True, "openInNewTab": False}}}]}}
        refs.append({"name": index + ":drilldown:DASHBOARD_TO_DASHBOARD_DRILLDOWN:" + event + ":dashboardId",
                     "type": "dashboard", "id": drilldown_to})
    return p, refs


def controls(specs):
    panels, refs = {}, []
    for order, (cid, field, title, single) in enumerate(specs):
        panels[cid] = {"order": order, "width": "medium", "grow": True, "type": "optionsListControl",
                       "explicitInput": {"id": cid, "fieldName": field, "title": title, "singleSelect": single,
                                         "searchTechnique": "prefix", "selectedOptions": [],
                                         "sort": {"by": "_count", "direction": "desc"}, "enhancements": {}}}
        refs.append({"name": "controlGroup_" + cid + ":optionsListDataView", "type": "index-pattern",
                     "id": DATA_VIEWS["diagnoses"][0]})
    group = {"controlStyle": "oneLine", "chainingSystem": "HIERARCHICAL", "showApplySelections": False,
             "ignoreParentSettingsJSON": json.dumps({"ignoreFilters": False, "ignoreQuery": False,
                                                     "ignoreTimerange": False, "ignoreValidations": False}),
             "panelsJSON": json.dumps(panels)}
    return group, refs


def dashboard(id_, title, description, layout, control_specs, time_from):
    panels, refs = [], []
    for item in layout:
        p, r = panel(*item)
        panels.append(p)
        refs.extend(r)
    group, control_refs = controls(control_specs)
    return obj("dashboard", id_, {
        "title": title, "description": description, "version": 1,
        "panelsJSON": json.dumps(panels),
        "optionsJSON": json.dumps({"useMargins": True, "syncColors": False, "syncCursor": True,
                                   "syncTooltips": False, "hidePanelTitles": False}),
        "timeRestore": True, "timeFrom": time_from, "timeTo": "now",
        "refreshInterval": {"pause": False, "value": 60000},
        "controlGroupInput": group,
        "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps(
            {"query": {"query": "", "language": "kuery"}, "filter": []})}},
        refs + control_refs)


OVERVIEW = dashboard(
    OVERVIEW_ID, "Path MTU / MSS overview",
    "Where Path MTU and TCP MSS go wrong, across agents: failing paths, links where the MTU drops, findings, "
    "paths with a narrow ECMP member, return-path problems.",
    [("p1", 0, 0, 24, 15, PATHS_FAILING, PATH_DETAIL_ID),
     ("p2", 24, 0, 24, 15, STATUS_GRID),
     ("p3", 0, 15, 48, 14, LINKS_DROPPED),
     ("p4", 0, 29, 24, 14, FINDINGS_OVER_TIME),
     ("p5", 24, 29, 24, 14, PMTU_MSS_OVER_TIME, PATH_DETAIL_ID),
     ("p6", 0, 43, 48, 14, OPEN_WINDOWS),
     ("p7", 0, 57, 48, 12, LINKS_ACROSS_AGENTS),
     ("p8", 0, 69, 48, 12, ECMP_NARROW_MEMBERS, PATH_DETAIL_ID),
     ("p9", 0, 81, 48, 12, RETURN_PATH_PROBLEMS, PATH_DETAIL_ID)],
    [("agent", "observer.id", "Agent", False), ("target", "destination.ip", "Target", False),
     ("ipv", "network.type", "IP version", False), ("finding", "pmtu.finding_codes", "Finding", False)],
    "now-24h")

PATH_DETAIL = dashboard(
    PATH_DETAIL_ID, "Path MTU / MSS path detail",
    "One path: PMTU and MSS over time, every run, where the MTU drops, findings with their fix, anomaly windows, "
    "its ECMP members and return-path figures when it has problems there. "
    "Pick the path in the control, or arrive from the overview by clicking a path.",
    [("d1", 0, 0, 48, 13, PMTU_MSS_OVER_TIME),
     ("d2", 0, 13, 48, 14, PATH_RUNS),
     ("d3", 0, 27, 24, 12, PATH_DROPS),
     ("d4", 24, 27, 24, 12, FINDINGS_OVER_TIME),
     ("d5", 0, 39, 48, 14, FINDINGS_SEARCH),
     ("d6", 0, 53, 48, 12, OPEN_WINDOWS),
     ("d7", 0, 65, 48, 10, ECMP_NARROW_MEMBERS),
     ("d8", 0, 75, 48, 10, RETURN_PATH_PROBLEMS)],
    [("path", "pmtu.path_id", "Path", True), ("agent", "observer.id", "Agent", False),
     ("target", "destination.ip", "Target", False)],
    "now-7d")

OBJECTS = [data_view(k) for k in DATA_VIEWS] + [
    LINKS_DROPPED, FINDINGS_OVER_TIME, PMTU_MSS_OVER_TIME, PATHS_FAILING, OPEN_WINDOWS, STATUS_GRID,
    LINKS_ACROSS_AGENTS, PATH_RUNS, PATH_DROPS, ECMP_NARROW_MEMBERS, RETURN_PATH_PROBLEMS, FINDINGS_SEARCH,
    PATH_DETAIL, OVERVIEW]

if __name__ == "__main__":
    # --out FILE writes elsewhere: DashboardsMatchGeneratorTest compares that with the committed file.
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pmtu-watch.ndjson")
    if len(sys.argv) == 3 and sys.argv[1] == "--out":
        out = sys.argv[2]
    with open(out, "w", encoding="utf-8") as f:
        for o in OBJECTS:
            f.write(json.dumps(o, separators=(",", ":"), sort_keys=True) + "\n")
    print("wrote %d saved objects to %s" % (len(OBJECTS), os.path.normpath(out)))
