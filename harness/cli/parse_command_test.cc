#include "harness/cli/parse_command.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/build_paths.h"

namespace sipconf::harness {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path corpus(const std::string& name) {
  return base::source_dir() / "sip" / "testdata" / "rfc4475" / (name + ".dat");
}

struct Output {
  int status;
  std::string out;
  std::string err;
};

Output run_parse(const ParseCommandOptions& options) {
  std::ostringstream out;
  std::ostringstream err;
  int status = run_parse_command(options, out, err);
  return {status, out.str(), err.str()};
}

std::vector<json> documents(const std::string& text) {
  std::vector<json> docs;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) docs.push_back(json::parse(line));
  return docs;
}

TEST(ParseCommand, ValidMessage) {
  Output o = run_parse({{corpus("wsinv")}, false, false, true});
  EXPECT_EQ(o.status, kParseAllValid);
  EXPECT_EQ(o.err, "");
  auto docs = documents(o.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["file"], corpus("wsinv").string());
  EXPECT_EQ(docs[0]["verdict"], "valid");
  EXPECT_EQ(docs[0]["message"]["method"], "INVITE");
  EXPECT_EQ(docs[0]["checks"]["proxy"]["status"], 0);
}

TEST(ParseCommand, InvalidMessagesGiveErrorResponseAndExitStatus) {
  Output o =
      run_parse({{corpus("badvers"), corpus("wsinv"), corpus("bigcode")}, false, false, true});
  EXPECT_EQ(o.status, kParseInvalidMessage);
  auto docs = documents(o.out);
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0]["verdict"], "invalid");
  EXPECT_EQ(docs[0]["error"], "version_not_supported");
  EXPECT_EQ(docs[0]["suggested_response"]["status"], 505);
  EXPECT_EQ(docs[1]["verdict"], "valid");
  EXPECT_EQ(docs[2]["suggested_response"], "drop");
}

TEST(ParseCommand, LenientReportsViolationsAndAccepts) {
  Output strict = run_parse({{corpus("lwsruri")}, false, false, true});
  EXPECT_EQ(strict.status, kParseInvalidMessage);
  Output lenient = run_parse({{corpus("lwsruri")}, true, false, true});
  EXPECT_EQ(lenient.status, kParseAllValid);
  auto doc = documents(lenient.out).at(0);
  EXPECT_EQ(doc["violations"][0]["code"], "request_uri_has_lws");
  EXPECT_EQ(doc["violations"][0]["line"], 1);
  EXPECT_EQ(doc["message"]["request_uri"], "sip:user@example.com;lr");
}

TEST(ParseCommand, StreamFraming) {
  fs::path dir = fs::temp_directory_path() / ("sipconf-parse-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / "stream.bin";
  {
    std::ofstream f(file, std::ios::binary);
    f << "OPTIONS sip:a@b.example SIP/2.0\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n\r\n\r\n"
      << "OPTIONS sip:a@b.example SIP/2.0\r\nCSeq: 2 OPTIONS\r\nl: -1\r\n\r\n";
  }
  Output o = run_parse({{file}, false, true, true});
  fs::remove_all(dir);
  EXPECT_EQ(o.status, kParseInvalidMessage);
  auto doc = documents(o.out).at(0);
  ASSERT_EQ(doc["messages"].size(), 1u);
  EXPECT_EQ(doc["messages"][0]["verdict"], "valid");
  EXPECT_EQ(doc["stream"]["keepalives"], 1);
  EXPECT_EQ(doc["stream"]["framing_error"], "content_length_invalid");
}

TEST(ParseCommand, UnreadableFilesAreOneLineAndTheRestIsParsed) {
  fs::path missing = base::source_dir() / "no-such-file.sip";
  Output o = run_parse({{missing, corpus("wsinv"), base::source_dir()}, false, false, true});
  EXPECT_EQ(o.status, kParseBadInput);
  EXPECT_EQ(o.err, "sipconf parse: " + missing.string() +
                       ": No such file or directory\nsipconf parse: " +
                       base::source_dir().string() + ": is a directory\n");
  EXPECT_EQ(documents(o.out).size(), 1u);
}

TEST(ParseCommand, RegisteredAsASubcommandWithExitStatus) {
  CLI::App app{"test"};
  add_parse_command(app);
  std::string missing = base::source_dir().string() + "/no-such-file.sip";
  std::vector<std::string> args = {missing, "parse"};  // CLI11 parses argv in reverse
  try {
    app.parse(args);
    FAIL() << "expected a RuntimeError";
  } catch (const CLI::RuntimeError& e) {
    EXPECT_EQ(app.exit(e), kParseBadInput);
  }
  EXPECT_THROW(app.parse(std::vector<std::string>{"parse"}), CLI::RequiredError);
}

}  // namespace
}  // namespace sipconf::harness
