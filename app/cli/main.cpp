// releasedesk-cli: the release desk's verdicts on the console, for CI.
#include "app/cli/cli_app.h"

#include <QCoreApplication>

#include <iostream>

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("releasedesk-cli"));
  QCoreApplication::setApplicationVersion(QStringLiteral(RELEASEDESK_VERSION));
  releasedesk::cli::CliApp cli;
  return cli.run(QCoreApplication::arguments().mid(1), std::cout, std::cerr);
}
