// The project setup dialog.
#include "ui/project/project_setup_dialog.h"

#include "ui/project/doctor_checks_model.h"
#include "ui/project/project_form.h"
#include "ui/project/token_vault.h"
#include "ui/status_icons.h"
#include "ui/status_indicator.h"
#include "ui/wrapping_text_delegate.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace releasedesk {
namespace {

// A field's inline note: a problem with the error icon, or a quiet hint without one.
void showNote(StatusIndicator* note, const QString& problem, const QString& hint = {}) {
  note->textLabel()->setForegroundRole(problem.isEmpty() ? QPalette::PlaceholderText : QPalette::WindowText);
  if (!problem.isEmpty()) {
    note->setStatus(severityIcon(Severity::Error), problem);
  } else {
    note->setStatus({}, hint);
  }
  note->setVisible(!note->text().isEmpty());
}

StatusIndicator* makeNote(const QString& name, QWidget* parent) {
  auto* note = new StatusIndicator(parent);
  note->setObjectName(name);
  note->layout()->setContentsMargins(0, 0, 0, 0);
  note->setWordWrap(true);
  note->hide();
  return note;
}

QLineEdit* makeField(const QString& name, const QString& placeholder, QWidget* parent) {
  auto* field = new QLineEdit(parent);
  field->setObjectName(name);
  field->setPlaceholderText(placeholder);
  field->setClearButtonEnabled(true);
  return field;
}

// Two stacked widgets as one form row: the field and its note.
QWidget* withNote(QWidget* field, QWidget* note, QWidget* parent) {
  auto* box = new QWidget(parent);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(field);
  layout->addWidget(note);
  return box;
}

}  // namespace

ProjectSetupDialog::ProjectSetupDialog(DeskSettings& settings, TokenVault& tokens, QWidget* parent)
    : QDialog(parent), settings_(settings), tokens_(tokens), generation_(std::make_shared<int>(0)) {
  setObjectName(QStringLiteral("projectSetupDialog"));
  setWindowTitle(tr("Set Up the GitHub Project"));
  connectionFactory_ = &DeskConnection::openProject;
  buildForm();
  setProject({});
}

ProjectSetupDialog::~ProjectSetupDialog() = default;

void ProjectSetupDialog::buildForm() {
  auto* layout = new QVBoxLayout(this);

  auto* intro = new QLabel(tr("ReleaseDesk reads the acceptance evidence, the production environment and the "
                              "deployments of one GitHub repository. The token is kept in the OS keychain, never in "
                              "the settings file."),
                           this);
  intro->setWordWrap(true);
  layout->addWidget(intro);

  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
  host_ = makeField(QStringLiteral("apiHost"), tr("github.com, a GitHub Enterprise host, or a URL"), this);
  hostNote_ = makeNote(QStringLiteral("apiHostNote"), this);
  repository_ = makeField(QStringLiteral("repository"), tr("owner/name"), this);
  repositoryNote_ = makeNote(QStringLiteral("repositoryNote"), this);
  environment_ = makeField(QStringLiteral("environment"), QStringLiteral("production"), this);
  environmentNote_ = makeNote(QStringLiteral("environmentNote"), this);
  productionWorkflow_ = makeField(QStringLiteral("productionWorkflow"), QStringLiteral("production-stage.yml"), this);
  acceptanceWorkflow_ = makeField(QStringLiteral("acceptanceWorkflow"), QStringLiteral("acceptance-stage.yml"), this);
  workflowNote_ = makeNote(QStringLiteral("workflowNote"), this);
  token_ = makeField(QStringLiteral("token"), {}, this);
  token_->setEchoMode(QLineEdit::Password);
  token_->setClearButtonEnabled(false);
  tokenNote_ = makeNote(QStringLiteral("tokenNote"), this);

  form->addRow(tr("API &host:"), withNote(host_, hostNote_, this));
  form->addRow(tr("&Repository:"), withNote(repository_, repositoryNote_, this));
  form->addRow(tr("&Environment:"), withNote(environment_, environmentNote_, this));
  form->addRow(tr("&Production workflow:"), productionWorkflow_);
  form->addRow(tr("Acceptance &workflow:"), withNote(acceptanceWorkflow_, workflowNote_, this));
  form->addRow(tr("&Token:"), withNote(token_, tokenNote_, this));
  layout->addLayout(form);

  checksModel_ = new DoctorChecksModel(this);
  checksView_ = new QTreeView(this);
  checksView_->setObjectName(QStringLiteral("connectionChecks"));
  checksView_->setAccessibleName(tr("Connection checks"));
  checksView_->setModel(checksModel_);
  checksView_->setRootIsDecorated(false);
  checksView_->setWordWrap(true);
  checksView_->setUniformRowHeights(false);
  new WrappingTextDelegate(checksView_, DoctorChecksModel::MessageColumn);
  checksView_->setAlternatingRowColors(true);
  checksView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  checksView_->header()->setStretchLastSection(true);
  checksView_->header()->setSectionResizeMode(DoctorChecksModel::StatusColumn, QHeaderView::ResizeToContents);
  checksView_->header()->setSectionResizeMode(DoctorChecksModel::CheckColumn, QHeaderView::ResizeToContents);
  checksView_->setMinimumHeight(180);
  checksView_->hide();
  checkSummary_ = new StatusIndicator(this);
  checkSummary_->setObjectName(QStringLiteral("checkSummary"));
  checkSummary_->layout()->setContentsMargins(0, 0, 0, 0);
  checkSummary_->setWordWrap(true);
  checkSummary_->hide();
  layout->addWidget(checkSummary_);
  layout->addWidget(checksView_, 1);

  // A keychain failure is answered here, in the dialog, so nothing typed is lost.
  keychainFrame_ = new QFrame(this);
  keychainFrame_->setObjectName(QStringLiteral("keychainProblem"));
  keychainFrame_->setFrameShape(QFrame::StyledPanel);
  auto* keychainLayout = new QVBoxLayout(keychainFrame_);
  keychainMessage_ = new StatusIndicator(keychainFrame_);
  keychainMessage_->setWordWrap(true);
  keychainLayout->addWidget(keychainMessage_);
  auto* keychainButtons = new QHBoxLayout;
  keychainButtons->addStretch(1);
  saveWithoutToken_ = new QPushButton(tr("Save Settings &Without Token"), keychainFrame_);
  saveWithoutToken_->setObjectName(QStringLiteral("saveWithoutToken"));
  auto* keepEditing = new QPushButton(tr("&Keep Editing"), keychainFrame_);
  keepEditing->setObjectName(QStringLiteral("keepEditing"));
  keychainButtons->addWidget(saveWithoutToken_);
  keychainButtons->addWidget(keepEditing);
  keychainLayout->addLayout(keychainButtons);
  keychainFrame_->hide();
  layout->addWidget(keychainFrame_);
  connect(saveWithoutToken_, &QPushButton::clicked, this, [this] { commit(false); });
  connect(keepEditing, &QPushButton::clicked, this, [this] {
    keychainFrame_->hide();
    token_->setFocus(Qt::OtherFocusReason);
  });

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  saveButton_ = buttons_->button(QDialogButtonBox::Save);
  saveButton_->setObjectName(QStringLiteral("save"));
  buttons_->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancel"));
  testButton_ = buttons_->addButton(tr("Test &Connection"), QDialogButtonBox::ActionRole);
  testButton_->setObjectName(QStringLiteral("testConnection"));
  testButton_->setToolTip(tr("Check the host, the token, the repository and the permissions, without saving"));
  sandboxButton_ = buttons_->addButton(tr("Connect to Sa&ndbox Repository"), QDialogButtonBox::ActionRole);
  sandboxButton_->setObjectName(QStringLiteral("useSandbox"));
  sandboxButton_->setToolTip(tr("Look around the built-in sandbox repository; the project set up here stays saved"));
  layout->addWidget(buttons_);
  // Save is the default button, so Enter saves; Escape cancels.
  saveButton_->setDefault(true);
  connect(saveButton_, &QPushButton::clicked, this, &ProjectSetupDialog::save);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(testButton_, &QPushButton::clicked, this, &ProjectSetupDialog::testConnection);
  connect(sandboxButton_, &QPushButton::clicked, this, [this] { done(UseSandbox); });

  for (QLineEdit* field : {host_, repository_, environment_, productionWorkflow_, acceptanceWorkflow_}) {
    connect(field, &QLineEdit::textChanged, this, &ProjectSetupDialog::validate);
  }
  connect(token_, &QLineEdit::textChanged, this, &ProjectSetupDialog::updateTokenField);
  // The vault is asked once the host is typed, not on every keystroke.
  connect(host_, &QLineEdit::editingFinished, this, &ProjectSetupDialog::checkStoredToken);

  resize(720, sizeHint().height());
}

void ProjectSetupDialog::makeRoom() {
  // Wrapped notes need more height at this width than the layout's plain size hint says.
  QLayout* box = layout();
  const int needed = box->hasHeightForWidth() ? box->totalHeightForWidth(width()) : box->totalSizeHint().height();
  if (height() < needed) resize(width(), needed);
}

void ProjectSetupDialog::setProject(const ApiSettings& api) {
  host_->setText(hostInputFor(api.apiBase));
  repository_->setText(api.repo);
  environment_->setText(api.environment);
  productionWorkflow_->setText(api.productionWorkflow);
  acceptanceWorkflow_->setText(api.acceptanceWorkflow);
  token_->clear();
  showAllProblems_ = false;
  validate();
  checkStoredToken();
}

void ProjectSetupDialog::setConnectionFactory(ConnectionFactory factory) {
  connectionFactory_ = std::move(factory);
}

QString ProjectSetupDialog::apiBase() const {
  return apiBaseForInput(host_->text());
}

ApiSettings ProjectSetupDialog::project() const {
  ApiSettings api;
  api.apiBase = apiBase();
  api.repo = repository_->text().trimmed();
  api.environment = environment_->text().trimmed();
  api.productionWorkflow = productionWorkflow_->text().trimmed();
  api.acceptanceWorkflow = acceptanceWorkflow_->text().trimmed();
  return api;
}

QString ProjectSetupDialog::hostMessage() const {
  return hostNote_->text();
}

QString ProjectSetupDialog::repositoryMessage() const {
  return repositoryNote_->text();
}

QString ProjectSetupDialog::tokenMessage() const {
  return tokenNote_->text();
}

QString ProjectSetupDialog::keychainProblem() const {
  return keychainFrame_->isHidden() ? QString() : keychainMessage_->text();
}

bool ProjectSetupDialog::fieldsValid() const {
  return projectProblem(project()).isEmpty();
}

bool ProjectSetupDialog::tokenStored() const {
  return !storedTokenBase_.isEmpty() && storedTokenBase_ == apiBase();
}

QString ProjectSetupDialog::enteredToken() const {
  return savedToken_;
}

void ProjectSetupDialog::validate() {
  const ApiSettings api = project();
  const QString hostProblem = apiBaseProblem(api.apiBase);
  showNote(hostNote_, hostProblem, tr("API: %1").arg(api.apiBase));

  // An empty field is only a problem once the user tries to use the form.
  const auto problemOf = [this](const QLineEdit* field, const QString& problem) {
    return field->text().trimmed().isEmpty() && !showAllProblems_ ? QString() : problem;
  };
  showNote(repositoryNote_, problemOf(repository_, repositoryProblem(api.repo)));
  showNote(environmentNote_, problemOf(environment_, environmentProblem(api.environment)));
  QString workflow = problemOf(productionWorkflow_, workflowProblem(api.productionWorkflow));
  if (workflow.isEmpty()) workflow = problemOf(acceptanceWorkflow_, workflowProblem(api.acceptanceWorkflow));
  showNote(workflowNote_, workflow);
  updateTokenField();
}

void ProjectSetupDialog::checkStoredToken() {
  const QString base = apiBase();
  if (!apiBaseProblem(base).isEmpty() || base == checkedTokenBase_) return updateTokenField();
  checkedTokenBase_ = base;
  storedTokenBase_.clear();
  vaultMessage_.clear();
  const std::weak_ptr<int> alive = generation_;
  const int generation = ++*generation_;
  tokens_.readToken(base, [this, alive, generation, base](const TokenStoreResult& result) {
    const auto current = alive.lock();
    if (!current || *current != generation) return;
    if (result.ok() && !result.token.isEmpty()) {
      storedTokenBase_ = base;
    } else if (result.status == TokenStoreStatus::NoKeychain || result.status == TokenStoreStatus::Failed) {
      vaultMessage_ = result.message;
    }
    updateTokenField();
  });
  updateTokenField();
}

void ProjectSetupDialog::updateTokenField() {
  const QString host = hostInputFor(apiBase());
  if (tokenStored()) {
    token_->setPlaceholderText(tr("stored in the keychain"));
  } else {
    token_->setPlaceholderText(tr("a token for %1 (fine-grained: Actions, Deployments, Environments)").arg(host));
  }
  QString problem;
  QString hint;
  if (!vaultMessage_.isEmpty() && checkedTokenBase_ == apiBase()) {
    problem = vaultMessage_;
  } else if (showAllProblems_ && token_->text().trimmed().isEmpty() && !tokenStored()) {
    problem = tr("Enter a token: none is stored in the keychain for %1.").arg(host);
  } else if (tokenStored()) {
    hint = token_->text().isEmpty() ? tr("Leave it empty to keep the stored token; a new one replaces it.")
                                    : tr("Saving replaces the stored token.");
  } else {
    hint = tr("Kept in the OS keychain for %1, never in the settings file.").arg(host);
  }
  showNote(tokenNote_, problem, hint);
  makeRoom();
}

void ProjectSetupDialog::testConnection() {
  if (testing_) return;
  showAllProblems_ = true;
  validate();
  if (!fieldsValid()) return;
  const QString typed = token_->text().trimmed();
  if (!typed.isEmpty() || !tokenStored()) return startTest(typed, tr("the token field"));
  // Test with the stored token, read just for this.
  setBusy(true);
  testing_ = true;
  const std::weak_ptr<int> alive = generation_;
  const int generation = ++*generation_;
  tokens_.readToken(apiBase(), [this, alive, generation](const TokenStoreResult& result) {
    const auto current = alive.lock();
    if (!current || *current != generation) return;
    testing_ = false;
    setBusy(false);
    if (!result.ok()) {
      checkSummary_->setStatus(checkStatusIcon(CheckStatus::Failed), result.message);
      checkSummary_->show();
      return;
    }
    startTest(result.token, tr("the keychain"));
  });
}

void ProjectSetupDialog::startTest(const QString& token, const QString& tokenSource) {
  testing_ = true;
  setBusy(true);
  checksModel_->clear();
  checkSummary_->setStatus(checkStatusIcon(CheckStatus::Warning),
                           tr("Checking %1 on %2…").arg(repository_->text().trimmed(), hostInputFor(apiBase())));
  checkSummary_->show();
  // The previous test's connection is done by now (the button is disabled while one runs).
  testConnection_ = connectionFactory_(project(), token, tokenSource);
  testConnection_->checkConnection([this](const DoctorReport& report) {
    testing_ = false;
    setBusy(false);
    checksModel_->setReport(report);
    checksView_->show();
    const int failed = checksModel_->count(CheckStatus::Failed);
    const int warnings = checksModel_->count(CheckStatus::Warning);
    if (failed > 0) {
      checkSummary_->setStatus(checkStatusIcon(CheckStatus::Failed),
                               failed == 1 ? tr("failed: 1 check failed; see what to do below.")
                                           : tr("failed: %1 checks failed; see what to do below.").arg(failed));
    } else if (warnings > 0) {
      checkSummary_->setStatus(checkStatusIcon(CheckStatus::Warning),
                               warnings == 1
                                   ? tr("warning: the connection works; read the warning below.")
                                   : tr("warning: the connection works; read the %1 warnings below.").arg(warnings));
    } else {
      checkSummary_->setStatus(checkStatusIcon(CheckStatus::Ok), tr("ok: every check holds."));
    }
    makeRoom();
    emit connectionTested();
  });
}

void ProjectSetupDialog::save() {
  if (saving_) return;
  showAllProblems_ = true;
  validate();
  const ApiSettings api = project();
  if (!fieldsValid()) {
    // Focus the first field whose note shows a problem.
    const std::pair<QLineEdit*, StatusIndicator*> rows[] = {{host_, hostNote_},
                                                            {repository_, repositoryNote_},
                                                            {environment_, environmentNote_},
                                                            {productionWorkflow_, workflowNote_}};
    for (const auto& [field, note] : rows) {
      if (note->hasIcon()) {
        field->setFocus(Qt::OtherFocusReason);
        break;
      }
    }
    return;
  }
  const QString token = token_->text().trimmed();
  if (token.isEmpty()) {
    if (!tokenStored()) {
      token_->setFocus(Qt::OtherFocusReason);
      return;
    }
    return commit(true);
  }
  saving_ = true;
  setBusy(true);
  const std::weak_ptr<int> alive = generation_;
  tokens_.writeToken(api.apiBase, token, [this, alive](const TokenStoreResult& result) {
    if (alive.expired()) return;
    saving_ = false;
    setBusy(false);
    if (result.ok()) return commit(true);
    showKeychainProblem(result.message);
  });
}

void ProjectSetupDialog::showKeychainProblem(const QString& message) {
  keychainMessage_->setStatus(
      severityIcon(Severity::Error),
      tr("The token was not saved: %1\nSave the other settings anyway? The token is then used until ReleaseDesk "
         "closes and asked for again next time.")
          .arg(message));
  keychainFrame_->show();
  makeRoom();
  saveWithoutToken_->setFocus(Qt::OtherFocusReason);
}

void ProjectSetupDialog::commit(bool tokenSaved) {
  const ApiSettings api = project();
  settings_.setApiSettings(api);
  tokenSaved_ = tokenSaved;
  savedToken_ = token_->text().trimmed();
  emit projectSaved(api);
  accept();
}

void ProjectSetupDialog::setBusy(bool busy) {
  testButton_->setEnabled(!busy);
  saveButton_->setEnabled(!busy);
  sandboxButton_->setEnabled(!busy);
}

}  // namespace releasedesk
