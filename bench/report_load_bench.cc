// Size and browser load time of the HTML report for a generated 1,000-case run.
//
// Generates a realistic results.json (a B2BUA call ladder per case, failures, timeouts,
// retransmissions), renders it with the reports library, and loads it in headless
// chromium several times. The page records performance.now() once its script has run
// and layout is done (data-ready-ms). Printed next to two anchors from the same run:
// the same content rendered eagerly (every ladder and message in the DOM up front), and
// a blank page (the browser's own floor). See bench/README.md.
//
//   build/bench/report_load_bench [--cases 1000] [--runs 3] [--out DIR] [--write-only]

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "reports/model/run_loader.h"
#include "reports/render/artifact_paths.h"
#include "reports/render/case_details.h"
#include "reports/render/headless_chromium.h"
#include "reports/render/html_text.h"
#include "reports/render/page_assets.h"
#include "reports/render/report_files.h"

#include "base/build_paths.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using sipconf::reports::testing::HeadlessChromium;

/// Builds one SIP message with a correct Content-Length.
std::string sip(const std::string& start, const std::vector<std::string>& headers,
                const std::string& body = "") {
  std::string text = start + "\r\n";
  for (const auto& h : headers) text += h + "\r\n";
  if (!body.empty()) text += "Content-Type: application/sdp\r\n";
  text += fmt::format("Content-Length: {}\r\n\r\n{}", body.size(), body);
  return text;
}

std::string sdp(const std::string& ip, int port) {
  return fmt::format(
      "v=0\r\no=- {0} 1 IN IP4 {1}\r\ns=-\r\nc=IN IP4 {1}\r\nt=0 0\r\nm=audio {0} RTP/AVP 0 "
      "101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 "
      "0-16\r\na=ptime:20\r\na=sendrecv\r\n",
      port, ip);
}

/// Generates case `n`: Lync calls a peer through the SUT, with the outcomes a large
/// suite has (mostly passes, some failures, timeouts, errors, retransmissions).
json make_case(int n, std::mt19937& rng, const std::vector<std::string>& behaviours) {
  static const char* kSuites[] = {"starter",    "routing", "failover", "health",
                                  "signalling", "media",   "security"};
  static const char* kPeers[] = {"pstn-gateway", "ip-pbx", "itsp"};
  std::string suite = kSuites[n % 7];
  std::string peer = kPeers[n % 3];
  std::string id = fmt::format("{}/call-{:04}-{}", suite, n, peer);
  int roll = static_cast<int>(rng() % 100);
  std::string status = roll < 85   ? "PASS"
                       : roll < 91 ? "FAIL"
                       : roll < 94 ? "XFAIL"
                       : roll < 96 ? "SKIP"
                       : roll < 98 ? "TIMEOUT"
                       : roll < 99 ? "ERROR"
                                   : "CRASH";
  std::string fe = fmt::format("127.0.{}.{}", 1 + n / 200, 10 + n % 200);
  std::string sut = fmt::format("127.0.{}.{}", 1 + n / 200, 11 + n % 200);
  std::string gw = fmt::format("127.0.{}.{}", 1 + n / 200, 12 + n % 200);
  std::string number = fmt::format("1425555{:04}", n);
  std::string cid_in = fmt::format("in-{}-{:x}@{}", n, rng(), fe);
  std::string cid_out = fmt::format("out-{}-{:x}@{}", n, rng(), sut);
  bool plus_bug = status == "FAIL";
  std::string ruri_out =
      fmt::format("sip:{}{}@{}:5066;user=phone", plus_bug ? "+" : "", number, gw);

  auto in_req = [&](const std::string& method, int cseq, const std::string& body) {
    return sip(fmt::format("{} sip:+{}@sipconf.test;user=phone SIP/2.0", method, number),
               {fmt::format("Via: SIP/2.0/TCP {}:5061;branch=z9hG4bK-fe-{}-{}", fe, n, cseq),
                "Max-Forwards: 70",
                "From: \"Alice Lync\" <sip:+12065551219@sipconf.test;user=phone>;tag=fe-" +
                    std::to_string(n),
                fmt::format("To: <sip:+{}@sipconf.test;user=phone>", number), "Call-ID: " + cid_in,
                fmt::format("CSeq: {} {}", cseq, method),
                fmt::format("Contact: <sip:alice@{}:5061;transport=tcp>", fe),
                "User-Agent: RTCC/5.0.0.0 OCS/4.0"},
               body);
  };
  auto out_req = [&](const std::string& method, int cseq, const std::string& body) {
    return sip(fmt::format("{} {} SIP/2.0", method, ruri_out),
               {fmt::format("Via: SIP/2.0/UDP {}:5068;branch=z9hG4bK-med-{}-{}", sut, n, cseq),
                "Max-Forwards: 70",
                fmt::format("From: <sip:+12065551219@{};user=phone>;tag=med-{}", sut, n),
                fmt::format("To: <sip:{}@{};user=phone>", number, gw), "Call-ID: " + cid_out,
                fmt::format("CSeq: {} {}", cseq, method),
                fmt::format("Contact: <sip:{}:5068;transport=udp>", sut),
                "User-Agent: sipconf-mediation/0.1.0"},
               body);
  };
  auto resp = [&](const std::string& line, bool inbound, const std::string& method, int cseq,
                  const std::string& body) {
    return sip(
        "SIP/2.0 " + line,
        {inbound ? fmt::format("Via: SIP/2.0/TCP {}:5061;branch=z9hG4bK-fe-{}-{}", fe, n, cseq)
                 : fmt::format("Via: SIP/2.0/UDP {}:5068;branch=z9hG4bK-med-{}-{}", sut, n, cseq),
         inbound ? "From: <sip:+12065551219@sipconf.test;user=phone>;tag=fe-" + std::to_string(n)
                 : fmt::format("From: <sip:+12065551219@{};user=phone>;tag=med-{}", sut, n),
         inbound ? fmt::format("To: <sip:+{}@sipconf.test;user=phone>;tag=med-{}", number, n)
                 : fmt::format("To: <sip:{}@{};user=phone>;tag=gw-{}", number, gw, n),
         "Call-ID: " + (inbound ? cid_in : cid_out), fmt::format("CSeq: {} {}", cseq, method),
         inbound ? "Server: sipconf-mediation/0.1.0" : "Server: sipp " + peer},
        body);
  };

  json messages = json::array();
  std::int64_t t = 0;
  auto add = [&](std::int64_t dt, const std::string& from, const std::string& to,
                 const std::string& leg, std::string raw, bool retransmission = false,
                 bool unanswered = false) {
    t += dt;
    std::string first = raw.substr(0, raw.find("\r\n"));
    bool is_response = first.rfind("SIP/2.0 ", 0) == 0;
    auto cseq_at = raw.find("CSeq: ") + 6;
    std::string cseq = raw.substr(cseq_at, raw.find("\r\n", cseq_at) - cseq_at);
    messages.push_back(
        {{"index", messages.size()},
         {"t_us", t},
         {"from", from},
         {"to", to},
         {"leg", leg},
         {"transport", leg == "internal" ? "tcp" : "udp"},
         {"kind", is_response ? "response" : "request"},
         {"method", cseq.substr(cseq.find(' ') + 1)},
         {"status", is_response ? json(std::stoi(first.substr(8, 3))) : json()},
         {"summary", is_response ? first.substr(8) : first.substr(0, first.size() - 8)},
         {"call_id", leg == "internal" ? cid_in : cid_out},
         {"cseq", cseq},
         {"retransmission", retransmission},
         {"unanswered", unanswered},
         {"raw", std::move(raw)}});
  };
  auto jitter = [&](int base) { return base + static_cast<int>(rng() % (base / 2 + 1)); };
  const std::string gw_name =
      peer == "pstn-gateway" ? "gw1" : (peer == "ip-pbx" ? "pbx1" : "itsp1");
  add(0, "fe", "sut-internal", "internal", in_req("INVITE", 1, sdp(fe, 20000 + n % 1000 * 2)));
  add(jitter(300), "sut-internal", "fe", "internal", resp("100 Trying", true, "INVITE", 1, ""));
  add(jitter(350), "sut-trunk", gw_name, gw_name,
      out_req("INVITE", 1, sdp(sut, 49152 + n % 4000 * 2)));
  add(jitter(400), gw_name, "sut-trunk", gw_name, resp("100 Trying", false, "INVITE", 1, ""));
  if (status == "TIMEOUT") {
    messages[2]["unanswered"] = true;
    messages[0]["unanswered"] = true;
  } else if (status != "ERROR" && status != "SKIP") {
    add(jitter(9000), gw_name, "sut-trunk", gw_name, resp("180 Ringing", false, "INVITE", 1, ""));
    add(jitter(300), "sut-internal", "fe", "internal", resp("180 Ringing", true, "INVITE", 1, ""));
    add(jitter(400000), gw_name, "sut-trunk", gw_name,
        resp("200 OK", false, "INVITE", 1, sdp(gw, 30000 + n % 1000 * 2)));
    add(jitter(350), "sut-internal", "fe", "internal",
        resp("200 OK", true, "INVITE", 1, sdp(sut, 49200 + n % 4000 * 2)));
    if (n % 7 == 0) {
      add(500000, gw_name, "sut-trunk", gw_name, messages[6]["raw"].get<std::string>(), true);
    }
    add(jitter(2000), "fe", "sut-internal", "internal", in_req("ACK", 1, ""));
    add(jitter(350), "sut-trunk", gw_name, gw_name, out_req("ACK", 1, ""));
    if (status != "CRASH") {
      add(jitter(3000000), "fe", "sut-internal", "internal", in_req("BYE", 2, ""));
      add(jitter(350), "sut-trunk", gw_name, gw_name, out_req("BYE", 2, ""));
      add(jitter(500), gw_name, "sut-trunk", gw_name, resp("200 OK", false, "BYE", 2, ""));
      add(jitter(350), "sut-internal", "fe", "internal", resp("200 OK", true, "BYE", 2, ""));
    }
  }

  json subtests = json::array();
  subtests.push_back({{"name", "trunk-invite-present"},
                      {"status", "PASS"},
                      {"kind", "message"},
                      {"leg", gw_name},
                      {"message", "INVITE reaches the peer"},
                      {"message_index", 2}});
  subtests.push_back({{"name", "trunk-invite-ruri"},
                      {"status", plus_bug || status == "XFAIL" ? "FAIL" : "PASS"},
                      {"kind", "header"},
                      {"leg", gw_name},
                      {"message", "Request-URI toward the peer has no +"},
                      {"expected", "regex ^sip:" + number},
                      {"actual", ruri_out},
                      {"message_index", 2},
                      {"highlight", "Request-URI"}});
  for (const char* name :
       {"ringback-relayed", "answer-relayed", "transit-p99", "media-flows", "bye-relayed"}) {
    subtests.push_back({{"name", name},
                        {"status", "PASS"},
                        {"kind", "order"},
                        {"message", std::string(name) + " as expected"}});
  }
  json transit = json::array();
  for (int i = 0; i < 6; ++i) transit.push_back(jitter(300));
  std::sort(transit.begin(), transit.end());
  auto stats = [](const json& samples) {
    std::int64_t max = samples.back().get<std::int64_t>();
    return json{{"count", samples.size()},
                {"p50", samples[(samples.size() - 1) / 2]},
                {"p90", max},
                {"p99", max},
                {"max", max},
                {"samples", samples}};
  };
  json metrics = {
      {"latency_us",
       {{"transit", stats(transit)},
        {"post_dial_delay", stats(json::array({jitter(9000)}))},
        {"setup_time", stats(json::array({jitter(400000)}))}}},
      {"counts", {{"messages", messages.size()}, {"retransmissions", n % 7 == 0 ? 1 : 0}}},
      {"rtp", json::array({{{"leg", gw_name},
                            {"ssrc", fmt::format("0x{:08x}", rng())},
                            {"from", sut + ":49152"},
                            {"to", gw + ":30000"},
                            {"payload_type", 0},
                            {"codec", "PCMU"},
                            {"packets", 250},
                            {"lost", rng() % 20 == 0 ? 1 : 0},
                            {"jitter_ms", 0.4},
                            {"first_packet_us", 420000},
                            {"duration_ms", 5000}}})}};
  std::string message = status == "PASS"      ? "7 of 7 expectations met"
                        : status == "FAIL"    ? "1 of 7 expectations failed: trunk-invite-ruri"
                        : status == "XFAIL"   ? "known issue: trunk-invite-ruri"
                        : status == "SKIP"    ? "TLS trunk certificate not configured; skipped"
                        : status == "TIMEOUT" ? "did not finish within 60 s: no final response"
                        : status == "ERROR"   ? "sipp not found: apt-get install sip-tester"
                                              : "mediation exited with signal 11 (SIGSEGV)";
  std::string base = "cases/" + id + "/";
  return {
      {"id", id},
      {"path", "scenarios/" + id},
      {"description", "Lync calls +" + number + " through the " + peer + " trunk."},
      {"status", status},
      {"expected", status == "XFAIL" ? "FAIL" : "PASS"},
      {"message", message},
      {"duration_ms", t / 1000 + 40},
      {"behaviours", json::array({behaviours[n % behaviours.size()],
                                  behaviours[(n * 7 + 3) % behaviours.size()], "RFC3261-13"})},
      {"peer_kinds", json::array({"lync", peer})},
      {"endpoints", json::array({{{"name", "fe"},
                                  {"role", "lync"},
                                  {"address", fe + ":5061"},
                                  {"transport", "tcp"},
                                  {"driver", "sipp"}},
                                 {{"name", "sut-internal"},
                                  {"role", "sut"},
                                  {"interface", "internal"},
                                  {"address", sut + ":5070"},
                                  {"transport", "tcp"}},
                                 {{"name", "sut-trunk"},
                                  {"role", "sut"},
                                  {"interface", "trunk:" + gw_name},
                                  {"address", sut + ":5068"},
                                  {"transport", "udp"}},
                                 {{"name", gw_name},
                                  {"role", peer},
                                  {"address", gw + ":5066"},
                                  {"transport", "udp"},
                                  {"driver", "sipp"}}})},
      {"legs",
       json::array(
           {{{"name", "internal"}, {"endpoints", {"fe", "sut-internal"}}, {"call_ids", {cid_in}}},
            {{"name", gw_name}, {"endpoints", {"sut-trunk", gw_name}}, {"call_ids", {cid_out}}}})},
      {"messages", messages},
      {"subtests", subtests},
      {"metrics", metrics},
      {"findings", json::array()},
      {"artifacts",
       {{"pcap", base + "capture.pcap"},
        {"sut_log", base + "mediation.log"},
        {"sipp_traces", {base + "fe_messages.log", base + gw_name + "_messages.log"}}}}};
}

json make_run(int cases) {
  std::vector<std::string> ids;
  json catalogue = json::array();
  std::ifstream in(sipconf::base::source_dir() / "scenarios" / "catalogue.txt");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line.find('\t') == std::string::npos) continue;
    ids.push_back(line.substr(0, line.find('\t')));
    catalogue.push_back({{"id", ids.back()}, {"title", line.substr(line.find('\t') + 1)}});
  }
  if (ids.empty()) ids = {"RT-01", "RT-02", "TC-11"};
  std::mt19937 rng(20261121);
  json results = json::array();
  for (int n = 0; n < cases; ++n) results.push_back(make_case(n, rng, ids));
  return {{"schema_version", 1},
          {"tool", "report_load_bench"},
          {"run_info",
           {{"sipconf_version", SIPCONF_VERSION},
            {"sipp_version", "3.6.1"},
            {"git_revision", "bench"},
            {"host", "bench"},
            {"jobs", 2},
            {"command", fmt::format("report_load_bench --cases {}", cases)},
            {"sut",
             {{"kind", "builtin"}, {"name", "sipconf mediation"}, {"version", SIPCONF_VERSION}}}}},
          {"catalogue", catalogue},
          {"time_start", "2026-11-21T17:00:00.000000Z"},
          {"time_end", "2026-11-21T17:42:00.000000Z"},
          {"results", results}};
}

/// The anchor: the same per-case content, all of it in the DOM when the page loads.
void write_eager_page(const sipconf::reports::Run& run, const fs::path& file) {
  std::ofstream out(file, std::ios::binary);
  out << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
      << sipconf::reports::page_style() << "</style></head><body><main class=\"wrap\">";
  sipconf::reports::PathRebase rebase{file.parent_path(), file.parent_path()};
  for (const auto& c : run.results) {
    json payload = sipconf::reports::case_payload(c, rebase);
    out << "<section><h2>" << sipconf::reports::html(c.id) << "</h2>"
        << payload["details"].get<std::string>();
    for (const auto& m : payload["messages"]) out << m.get<std::string>();
    out << "</section>\n";
  }
  out << "</main><script>document.body.dataset.height=String(document.documentElement."
         "scrollHeight);document.body.dataset.readyMs=performance.now().toFixed(1);"
         "document.body.dataset.ready='1';</script></body></html>\n";
}

void write_blank_page(const fs::path& file) {
  std::ofstream(file) << "<!DOCTYPE html><html><body><script>document.body.dataset.height="
                         "String(document.documentElement.scrollHeight);document.body.dataset."
                         "readyMs=performance.now().toFixed(1);document.body.dataset.ready='1';"
                         "</script></body></html>\n";
}

struct Timing {
  std::vector<double> ready_ms;
  std::vector<double> wall_ms;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

/// Per load: the page's own ready time (from --dump-dom) and the wall time of a browser
/// that loads the page and captures its first screen (--screenshot), which is what a
/// person waits for.
bool measure(const HeadlessChromium& chromium, const std::string& url, int runs,
             const fs::path& scratch, Timing& timing) {
  for (int i = 0; i < runs; ++i) {
    auto result = chromium.dump_dom(url, scratch);
    auto at = result.output.find("data-ready-ms=\"");
    if (!result.ok || at == std::string::npos) {
      fmt::print(stderr, "{}: no ready marker ({})\n", url, result.error);
      return false;
    }
    timing.ready_ms.push_back(std::stod(result.output.substr(at + 15)));
    auto start = std::chrono::steady_clock::now();
    auto shot = chromium.screenshot(url, scratch / "screen.png", scratch, 1400, 1000);
    auto wall = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
    if (!shot.ok) {
      fmt::print(stderr, "{}: screenshot failed ({})\n", url, shot.error);
      return false;
    }
    timing.wall_ms.push_back(wall.count());
  }
  return true;
}

std::string megabytes(std::uintmax_t bytes) {
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Size and browser load time of the HTML report of a generated run"};
  int cases = 1000;
  int runs = 3;
  std::string out_dir = (fs::temp_directory_path() / "sipconf-report-bench").string();
  bool write_only = false;
  app.add_option("--cases", cases, "cases in the generated run")->default_val(1000);
  app.add_option("--runs", runs, "browser loads per page")->default_val(3);
  app.add_option("--out", out_dir, "directory for results.json and the pages");
  app.add_flag("--write-only", write_only, "only write results.json and report.html");
  CLI11_PARSE(app, argc, argv);

  fs::path dir(out_dir);
  fs::create_directories(dir);
  json document = make_run(cases);
  std::ofstream(dir / "results.json") << document.dump();

  sipconf::reports::Run run;
  std::string diagnostic;
  if (sipconf::reports::load_run(dir / "results.json", run, diagnostic)) {
    fmt::print(stderr, "{}\n", diagnostic);
    return 1;
  }
  sipconf::reports::ReportFiles files;
  files.results_dir = dir;
  files.html = dir / "report.html";
  auto render_start = std::chrono::steady_clock::now();
  if (sipconf::reports::write_reports(run, files, diagnostic)) {
    fmt::print(stderr, "{}\n", diagnostic);
    return 1;
  }
  double render_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - render_start)
          .count();
  std::size_t message_count = 0;
  std::string deep_link;
  for (const auto& c : run.results) {
    message_count += c.messages.size();
    if (deep_link.empty() && c.status == sipconf::reports::Status::kFail) {
      deep_link = "#case=" + sipconf::reports::uri_component(c.id) + "&msg=2";
    }
  }
  fmt::print("generated {} cases, {} messages: {}/results.json {}\n", cases, message_count,
             dir.string(), megabytes(fs::file_size(dir / "results.json")));
  fmt::print("rendered report.html in {:.0f} ms: {}\n", render_ms,
             megabytes(fs::file_size(files.html)));
  if (write_only) return 0;

  HeadlessChromium chromium;
  if (chromium.executable().empty()) {
    fmt::print(stderr, "{}\n", HeadlessChromium::kInstallHint);
    return 1;
  }
  write_eager_page(run, dir / "eager.html");
  write_blank_page(dir / "blank.html");
  fs::path scratch = dir / "browser";
  fs::remove_all(scratch);
  fs::create_directories(scratch);

  auto url = [&](const std::string& name) {
    return "file://" + sipconf::reports::href_for_path(fs::absolute(dir / name).string());
  };
  struct Page {
    std::string label;
    std::string file;
    std::string fragment;
  };
  std::vector<Page> pages = {
      {"ours: report.html (overview)", "report.html", ""},
      {"ours: report.html#case=..&msg=2", "report.html", deep_link},
      {"anchor: eager page, same content", "eager.html", ""},
      {"anchor: blank page (browser floor)", "blank.html", ""},
  };
  fmt::print("chromium: {} ({} loads per page, median shown)\n", chromium.executable(), runs);
  fmt::print("{:<38} {:>9} {:>16} {:>18}\n", "page", "size", "ready (in page)",
             "load+first screen");
  for (const auto& page : pages) {
    Timing timing;
    if (!measure(chromium, url(page.file) + page.fragment, runs, scratch, timing)) return 1;
    fmt::print("{:<38} {:>9} {:>13.0f} ms {:>15.0f} ms\n", page.label,
               megabytes(fs::file_size(dir / page.file)), median(timing.ready_ms),
               median(timing.wall_ms));
  }
  return 0;
}
