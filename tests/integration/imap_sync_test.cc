// rearview sync imap against a real IMAP server: Debian's Dovecot, started
// by the test on loopback with a maildir of its own. What is new is fetched
// once; a renumbered folder is read again without storing anything twice;
// a refused login is a clear error; the password reaches neither the
// database nor the output.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "rearview/importers/imap_sync.h"
#include "rearview/storage/sqlite_database.h"
#include "sqlite_query.h"
#include "test_support.h"

extern char** environ;

namespace rearview {
namespace {

using testing::TemporaryDirectory;
using testing::write_file;

constexpr const char* kDovecot = "/usr/sbin/dovecot";
constexpr const char* kPassword = "s3cret-Passw0rd";

int free_port() {
  int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(socket_fd);
  return ntohs(address.sin_port);
}

bool accepts(int port) {
  int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool connected = ::connect(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(socket_fd);
  return connected;
}

std::string tls_settings(const std::filesystem::path& certificate) {
  if (certificate.empty()) return "ssl = no";
  return fmt::format("ssl = required\nssl_cert = <{0}\nssl_key = <{0}", certificate.string());
}

// A self-signed certificate for 127.0.0.1, made by the openssl command.
std::filesystem::path make_certificate(const std::filesystem::path& folder) {
  auto pem = folder / "server.pem";
  auto made = testing::run_command(fmt::format(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext "
      "subjectAltName=IP:127.0.0.1 -keyout {0} -out {0} 2>&1",
      pem.string()));
  EXPECT_EQ(made.exit_status, 0) << made.output;
  return pem;
}

std::string group_name(gid_t gid) {
  const group* found = ::getgrgid(gid);
  return found ? found->gr_name : std::to_string(gid);
}

// Dovecot in the foreground with everything in one folder. As root its
// processes run as Debian's dovecot and dovenull users (it refuses root);
// otherwise as the user running the test.
class DovecotServer {
 public:
  // `certificate`: a PEM certificate and key for STARTTLS (required then);
  // empty: plain IMAP.
  explicit DovecotServer(const std::filesystem::path& folder,
                         const std::filesystem::path& certificate = {})
      : folder_(folder), port_(free_port()) {
    bool root = ::geteuid() == 0;
    const passwd* mail_user = root ? ::getpwnam("dovecot") : ::getpwuid(::getuid());
    const passwd* login_user = root ? ::getpwnam("dovenull") : mail_user;
    if (!mail_user || !login_user) return;
    uid_ = mail_user->pw_uid;
    gid_ = mail_user->pw_gid;
    maildir_ = folder / "mail" / "rita";
    for (const char* part : {"cur", "new", "tmp"}) std::filesystem::create_directories(maildir_ / part);
    write_file(folder / "passwd", fmt::format("rita:{{PLAIN}}{}\n", kPassword));
    write_file(folder / "dovecot.conf", fmt::format(R"(protocols = imap
listen = 127.0.0.1
base_dir = {0}/run
state_dir = {0}/state
log_path = {0}/dovecot.log
{7}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {1}
default_internal_group = {3}
default_login_user = {2}
first_valid_uid = 1
mail_location = maildir:{0}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {0}/passwd
}}
userdb {{
  driver = static
  args = uid={4} gid={5} home={0}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {6}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
)", folder.string(), mail_user->pw_name, login_user->pw_name, group_name(gid_), uid_, gid_,
                                                    port_, tls_settings(certificate)));
    give_to_mail_user(folder);
    std::string config = (folder / "dovecot.conf").string();
    const char* arguments[] = {kDovecot, "-F", "-c", config.c_str(), nullptr};
    if (::posix_spawn(&pid_, kDovecot, nullptr, nullptr, const_cast<char**>(arguments), environ) != 0)
      pid_ = 0;
    for (int attempt = 0; pid_ && attempt < 100 && !accepts(port_); ++attempt)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ~DovecotServer() {
    if (!pid_) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }

  bool running() const { return pid_ && accepts(port_); }
  int port() const { return port_; }
  std::string log() const { return testing::read_file(folder_ / "dovecot.log"); }

  // Delivers a message into the maildir, as a mail server would.
  void deliver(const std::string& name, const std::string& message) {
    auto file = maildir_ / "new" / name;
    write_file(file, message);
    give_to_mail_user(file);
  }
  // Forgets every UID: the next session gets a new UIDVALIDITY (the next
  // one dovecot-uidvalidity keeps).
  void renumber() {
    for (const auto& entry : std::filesystem::directory_iterator(maildir_)) {
      std::string name = entry.path().filename().string();
      if (name == "dovecot-uidlist" || name.starts_with("dovecot.index"))
        std::filesystem::remove_all(entry.path());
    }
  }

 private:
  void give_to_mail_user(const std::filesystem::path& path) {
    if (::geteuid() != 0) return;
    [[maybe_unused]] int changed = ::chown(path.c_str(), uid_, gid_);
    if (std::filesystem::is_directory(path))
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path))
        [[maybe_unused]] int also = ::chown(entry.path().c_str(), uid_, gid_);
  }

  std::filesystem::path folder_;
  std::filesystem::path maildir_;
  int port_;
  uid_t uid_ = 0;
  gid_t gid_ = 0;
  pid_t pid_ = 0;
};

std::string message(int number, const std::string& from = "pat@acme.example") {
  return fmt::format(
      "Message-ID: <m{0}@acme.example>\r\nDate: Mon, 08 Jan 2024 1{1}:00:00 +0000\r\n"
      "From: {2}\r\nTo: rita@seller.example\r\nSubject: message {0}\r\n\r\nText {0}.\r\n",
      number, number % 10, from);
}

class ImapSync : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kDovecot))
        << "Dovecot is missing: scripts/install-deps.sh installs dovecot-imapd";
    std::filesystem::permissions(folder_.path(), std::filesystem::perms::all);
    server_ = std::make_unique<DovecotServer>(folder_ / "server");
    ASSERT_TRUE(server_->running()) << "Dovecot did not start:\n" << server_->log();
    auto opened = open_sqlite_database(database_, OpenMode::create_if_missing);
    ASSERT_TRUE(opened) << opened.error().message;
    database = std::move(*opened);
    auto session = database->open_session();
    ASSERT_TRUE(session);
    session_ = std::move(*session);
    settings_.company_email_domains = {"seller.example"};
  }

  ImapSyncOptions options(const std::string& password = kPassword) {
    return ImapSyncOptions{{.host = "127.0.0.1", .port = server_->port(), .user = "rita",
                            .password = password, .security = ImapSecurity::none}};
  }
  Result<ImapSyncReport> sync(const ImapSyncOptions& with) {
    return sync_imap(*session_, settings_, with);
  }
  std::string emails() {
    return testing::query_value(database_, "SELECT count(*) FROM interactions");
  }

  TemporaryDirectory folder_;
  std::filesystem::path database_ = folder_ / "rearview.db";
  std::unique_ptr<DovecotServer> server_;
  std::unique_ptr<Database> database;
  std::unique_ptr<Session> session_;
  Settings settings_;
};

TEST_F(ImapSync, FetchesWhatIsNewOnlyOnce) {
  server_->deliver("1.eml", message(1));
  server_->deliver("2.eml", message(2));
  auto first = sync(options());
  ASSERT_TRUE(first) << first.error().message << "\n" << server_->log();
  ASSERT_EQ(first->folders.size(), 1u);
  EXPECT_EQ(first->folders[0].fetched, 2);
  EXPECT_EQ(first->mail.imported, 2);
  EXPECT_EQ(testing::query_value(database_, "SELECT group_concat(source_id, ',') FROM "
                                            "(SELECT source_id FROM interactions ORDER BY 1)"),
            "m1@acme.example,m2@acme.example");
  auto again = sync(options());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->folders[0].fetched, 0);
  server_->deliver("3.eml", message(3));
  auto later = sync(options());
  ASSERT_TRUE(later);
  EXPECT_EQ(later->folders[0].fetched, 1);
  EXPECT_EQ(later->mail.imported, 1);
  EXPECT_EQ(emails(), "3");
}

// The UIDs of a large folder in one SEARCH reply are a line longer than
// libcurl keeps (16 KB): it dropped the middle, and 12,000 of 15,784
// messages with it.
TEST_F(ImapSync, RegressionLargeFolderIsListedWhole) {
  constexpr int kMessages = 4000;  // UIDs 1 to 4000: about 19 KB on one line
  for (int number = 1; number <= kMessages; ++number)
    server_->deliver(fmt::format("{}.eml", number), message(number));
  auto synced = sync(options());
  ASSERT_TRUE(synced) << synced.error().message;
  EXPECT_EQ(synced->folders[0].fetched, kMessages);
  EXPECT_EQ(emails(), std::to_string(kMessages));
}

TEST_F(ImapSync, RenumberedFolderIsReadAgainWithoutDuplicates) {
  server_->deliver("1.eml", message(1));
  ASSERT_TRUE(sync(options()));
  server_->renumber();
  auto again = sync(options());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->folders[0].renumbered);
  EXPECT_EQ(again->folders[0].fetched, 1);
  EXPECT_EQ(again->mail.duplicates, 1);
  EXPECT_EQ(emails(), "1");
}

TEST_F(ImapSync, RefusedLoginIsAClearErrorAndStoresNothing) {
  server_->deliver("1.eml", message(1));
  auto refused = sync(options("not the password"));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("refused the login of rita"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(refused.error().message.find("not the password"), std::string::npos);
  EXPECT_EQ(emails(), "0");
}

// STARTTLS, the server's certificate trusted through --ca-file; without it
// the sync fails rather than going on unverified or in clear.
TEST_F(ImapSync, StartTlsWithTheServersCertificate) {
  auto pem = make_certificate(folder_.path());
  DovecotServer secure(folder_ / "secure", pem);
  ASSERT_TRUE(secure.running()) << secure.log();
  secure.deliver("1.eml", message(1));
  ImapSyncOptions with = options();
  with.port = secure.port();
  with.security = ImapSecurity::starttls;
  auto untrusted = sync(with);
  ASSERT_FALSE(untrusted);
  EXPECT_NE(untrusted.error().message.find("no secure connection"), std::string::npos)
      << untrusted.error().message;
  with.ca_file = pem.string();
  auto trusted = sync(with);
  ASSERT_TRUE(trusted) << trusted.error().message << "\n" << secure.log();
  EXPECT_EQ(trusted->mail.imported, 1);
}

TEST_F(ImapSync, MissingFolderIsNamed) {
  ImapSyncOptions with = options();
  with.folders = {"INBOX", "Proposals 2024"};
  auto missing = sync(with);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("Proposals 2024"), std::string::npos)
      << missing.error().message;
}

// The command as a user runs it: the password from a variable, and nowhere
// in what it prints or stores.
TEST_F(ImapSync, ThePasswordReachesNeitherTheOutputNorTheDatabase) {
  server_->deliver("1.eml", message(1));
  session_.reset();
  database.reset();
  auto run = testing::run_command(fmt::format(
      "IMAP_PASSWORD='{}' {} sync imap --host 127.0.0.1 --port {} --user rita --password-env "
      "IMAP_PASSWORD --security none --progress lines --db {}",
      kPassword, testing::rearview_binary(), server_->port(), database_.string()));
  ASSERT_EQ(run.exit_status, 0) << run.output;
  EXPECT_NE(run.output.find("1 new"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find(kPassword), std::string::npos);
  std::string stored;
  for (const auto& entry : std::filesystem::directory_iterator(folder_.path()))
    if (entry.path().filename().string().starts_with("rearview.db"))
      stored += testing::read_file(entry.path());
  EXPECT_NE(stored.find("m1@acme.example"), std::string::npos);
  EXPECT_EQ(stored.find(kPassword), std::string::npos);
}

TEST_F(ImapSync, PasswordFromAFileThatOthersCanReadIsUsedWithAWarning) {
  server_->deliver("1.eml", message(1));
  session_.reset();
  database.reset();
  auto secret = folder_ / "imap-password";
  write_file(secret, std::string(kPassword) + "\n");
  std::filesystem::permissions(secret, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write |
                                           std::filesystem::perms::others_read);
  auto run = testing::run_command(fmt::format(
      "{} sync imap --host 127.0.0.1 --port {} --user rita --password-file {} --security none "
      "--progress none --db {}",
      testing::rearview_binary(), server_->port(), secret.string(), database_.string()));
  ASSERT_EQ(run.exit_status, 0) << run.output;
  EXPECT_NE(run.output.find("can be read by others"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("1 new"), std::string::npos) << run.output;
  auto none = testing::run_command(fmt::format(
      "{} sync imap --host 127.0.0.1 --port {} --user rita --security none --db {}",
      testing::rearview_binary(), server_->port(), database_.string()));
  EXPECT_NE(none.exit_status, 0);
  EXPECT_NE(none.output.find("no password given"), std::string::npos) << none.output;
}

}  // namespace
}  // namespace rearview
