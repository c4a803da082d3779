// Project › Set Up…: which GitHub repository the desk watches, its token (kept in the keychain),
// a connection test that lists the doctor's checks, and a way back to the sandbox.
#pragma once

#include "ui/session/desk_connection.h"
#include "ui/session/desk_settings.h"

#include <QDialog>

#include <functional>
#include <memory>

class QAbstractButton;
class QDialogButtonBox;
class QFrame;
class QLineEdit;
class QPushButton;
class QTreeView;

namespace releasedesk {

class DoctorChecksModel;
class StatusIndicator;
class TokenVault;

class ProjectSetupDialog final : public QDialog {
  Q_OBJECT

 public:
  // What exec()/finished() report besides Accepted (saved) and Rejected (cancelled).
  enum Outcome { UseSandbox = 2 };

  // How Test Connection reaches the entered project; tests substitute the sandbox.
  using ConnectionFactory = std::function<std::unique_ptr<DeskConnection>(const ApiSettings& api, const QString& token,
                                                                          const QString& tokenSource)>;

  // Saving writes the project to `settings` and the token to `tokens`, never the token to
  // `settings`. Both must outlive the dialog.
  ProjectSetupDialog(DeskSettings& settings, TokenVault& tokens, QWidget* parent = nullptr);
  ~ProjectSetupDialog() override;

  // Fills the fields from `api` and asks the vault whether a token is stored for its host.
  void setProject(const ApiSettings& api);
  void setConnectionFactory(ConnectionFactory factory);

  // The project as the fields say, with the API URL resolved from the host field.
  ApiSettings project() const;
  QString apiBase() const;
  // The inline messages under the fields: a problem, or for the host the API URL it resolves to.
  QString hostMessage() const;
  QString repositoryMessage() const;
  QString tokenMessage() const;
  QString keychainProblem() const;
  // Whether the fields can be saved as they are (the token aside).
  bool fieldsValid() const;
  // A token is known to be stored for apiBase().
  bool tokenStored() const;

  // After Save: the token typed in (empty when the stored one was kept), and whether the vault
  // kept it. The window connects with it for this session even when the keychain failed.
  QString enteredToken() const;
  bool tokenSaved() const { return tokenSaved_; }

  DoctorChecksModel* checksModel() const { return checksModel_; }
  bool isTesting() const { return testing_; }

 public slots:
  void testConnection();
  void save();

 signals:
  // The project was written to the settings.
  void projectSaved(const ApiSettings& api);
  // A connection test finished and its checks are listed.
  void connectionTested();

 private:
  void buildForm();
  void validate();
  void checkStoredToken();
  void updateTokenField();
  void startTest(const QString& token, const QString& tokenSource);
  void showKeychainProblem(const QString& message);
  void commit(bool tokenSaved);
  void setBusy(bool busy);
  void makeRoom();

  DeskSettings& settings_;
  TokenVault& tokens_;
  ConnectionFactory connectionFactory_;
  std::unique_ptr<DeskConnection> testConnection_;
  // Guards callbacks of keychain reads and tests that a later one has replaced.
  std::shared_ptr<int> generation_;

  QString storedTokenBase_;   // the API URL a stored token is known for; empty when none
  QString checkedTokenBase_;  // the API URL the vault was last asked about
  QString vaultMessage_;      // why the vault could not answer, when it could not
  bool showAllProblems_ = false;
  bool testing_ = false;
  bool saving_ = false;
  bool tokenSaved_ = false;
  QString savedToken_;

  QLineEdit* host_ = nullptr;
  QLineEdit* repository_ = nullptr;
  QLineEdit* environment_ = nullptr;
  QLineEdit* productionWorkflow_ = nullptr;
  QLineEdit* acceptanceWorkflow_ = nullptr;
  QLineEdit* token_ = nullptr;
  StatusIndicator* hostNote_ = nullptr;
  StatusIndicator* repositoryNote_ = nullptr;
  StatusIndicator* environmentNote_ = nullptr;
  StatusIndicator* workflowNote_ = nullptr;
  StatusIndicator* tokenNote_ = nullptr;

  DoctorChecksModel* checksModel_ = nullptr;
  QTreeView* checksView_ = nullptr;
  StatusIndicator* checkSummary_ = nullptr;

  QFrame* keychainFrame_ = nullptr;
  StatusIndicator* keychainMessage_ = nullptr;
  QPushButton* saveWithoutToken_ = nullptr;

  QDialogButtonBox* buttons_ = nullptr;
  QPushButton* testButton_ = nullptr;
  QPushButton* sandboxButton_ = nullptr;
  QPushButton* saveButton_ = nullptr;
};

}  // namespace releasedesk
