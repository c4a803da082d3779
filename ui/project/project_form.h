// What the project setup fields mean, decided by the core: the API URL a host resolves to and why
// a host, repository or workflow cannot be used. Plain functions, no widgets.
#pragma once

#include "ui/session/desk_settings.h"

#include <QString>

namespace releasedesk {

// "github.com" or "" → https://api.github.com; "ghe.example.com" → https://ghe.example.com/api/v3;
// a full URL as given, without its trailing slash.
QString apiBaseForInput(const QString& hostOrUrl);
// What the host field shows for a saved API URL: the reverse of apiBaseForInput.
QString hostInputFor(const QString& apiBase);

// Why the field cannot be used, as a sentence; empty when it can.
QString apiBaseProblem(const QString& apiBase);
QString repositoryProblem(const QString& repository);
QString environmentProblem(const QString& environment);
QString workflowProblem(const QString& workflowFile);

// Every problem of `api` in field order, empty when the project can be saved.
QString projectProblem(const ApiSettings& api);

}  // namespace releasedesk
