#include "reports/render/artifact_paths.h"

#include <gtest/gtest.h>

namespace sipconf::reports {
namespace {

TEST(ArtifactPaths, UnchangedWhenTheReportSitsBesideResults) {
  EXPECT_EQ(rebase_artifact("cases/a/capture.pcap", "/ci/out", "/ci/out"), "cases/a/capture.pcap");
}

TEST(ArtifactPaths, RebasedWhenTheReportIsWrittenElsewhere) {
  EXPECT_EQ(rebase_artifact("cases/a/capture.pcap", "/ci/out", "/ci/out/html"),
            "../cases/a/capture.pcap");
  EXPECT_EQ(rebase_artifact("cases/a/capture.pcap", "/ci/out/run1", "/ci/reports"),
            "../out/run1/cases/a/capture.pcap");
  EXPECT_EQ(rebase_artifact("./cases/../cases/x.log", "/r", "/r"), "cases/x.log");
}

TEST(ArtifactPaths, AbsoluteArtifactsStayAbsolute) {
  EXPECT_EQ(rebase_artifact("/var/log/sut.log", "/ci/out", "/elsewhere"), "/var/log/sut.log");
}

TEST(ArtifactPaths, RelativeDirectoriesAreResolvedAgainstTheWorkingDirectory) {
  EXPECT_EQ(rebase_artifact("cases/x.pcap", "out", "out/report"), "../cases/x.pcap");
}

TEST(ArtifactPaths, HrefEncodingNeutralizesSchemes) {
  EXPECT_EQ(href_for_path("javascript:alert(1)"), "javascript%3Aalert%281%29");
  EXPECT_EQ(href_for_path("../cases/a b#c?.pcap"), "../cases/a%20b%23c%3F.pcap");
  EXPECT_EQ(href_for_path("cases/\"><x"), "cases/%22%3E%3Cx");
}

}  // namespace
}  // namespace sipconf::reports
