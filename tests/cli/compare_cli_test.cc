#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using nlohmann::json;

TEST(CompareCli, IswVersusMelangenewsShowsThePhoneVersusVideoCall) {
  std::string dir = testing::DemoEventDir();
  testing::CommandOutput run = testing::RunCommand(testing::CrossclaimBin() + " compare --format json " + dir +
                                                   "/000_afc1db8ac4998597.txt " + dir + "/004_8ac6ed61b80c7570.txt");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  json cmp = json::parse(run.out);
  EXPECT_EQ(cmp["a"], "000_afc1db8ac4998597");
  EXPECT_EQ(cmp["b"], "004_8ac6ed61b80c7570");
  bool phone_video = false;
  for (const json& s : cmp["shared"]) {
    EXPECT_NE(s["a"], s["b"]);
    for (const json& d : s["divergences"]) phone_video |= d["kind"] == "term" && d["b_text"] == "video call";
  }
  EXPECT_TRUE(phone_video) << run.out;
  // Every claim appears in shared, only_a or only_b, or is off-event: nothing is lost.
  for (const json& text : cmp["only_b"]) {
    EXPECT_EQ(text.get<std::string>().find("drone swarm"), std::string::npos) << "off-event claim listed";
  }
}

TEST(CompareCli, NeedsExactlyTwoArticles) {
  testing::CommandOutput one = testing::RunCommand(testing::CrossclaimBin() + " compare " + testing::DemoEventDir() +
                                                   "/000_afc1db8ac4998597.txt");
  EXPECT_EQ(one.exit_code, 2);
  testing::CommandOutput folder = testing::RunCommand(testing::CrossclaimBin() + " compare " +
                                                      testing::DemoEventDir() + " " + testing::DemoEventDir() +
                                                      "/000_afc1db8ac4998597.txt");
  EXPECT_EQ(folder.exit_code, 1);
  EXPECT_NE(folder.err.find("compare needs exactly two usable articles"), std::string::npos) << folder.err;
}

}  // namespace
}  // namespace crossclaim
