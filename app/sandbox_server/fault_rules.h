// The sandbox server's fault rules: what a test asks the server to do wrong, parsed from JSON (the
// --faults file, POST /_sandbox/faults) and written back as JSON (GET /_sandbox/faults).
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>
#include <vector>

namespace releasedesk {

// One programmed misbehaviour: which requests it matches, how often, and what happens instead of
// (or to) the sandbox's real answer. The JSON form is documented at parseSandboxFault().
struct SandboxFault {
  enum class Action {
    Status,    // answer `status` with `headers` and `body`, without asking the sandbox
    Delay,     // the real answer, `delayMs` late
    Hang,      // never answer (the connection stays open until the client gives up)
    Truncate,  // the real answer with the first half of its body, Content-Length matching the cut
    Pad,       // the real answer padded with spaces to `padBytes` (still valid JSON)
    Link,      // the real answer with `link` as its Link header
    Redirect,  // 302 to `redirectTo`
  };

  QByteArray method;  // upper case; empty matches every method
  QByteArray path;    // a prefix of the request's path (without the query)
  QByteArray query;   // a substring of the query; empty matches any query
  int times = 1;      // how many requests it still applies to; 0 = every one, forever
  Action action = Action::Status;
  int status = 0;
  QList<QPair<QByteArray, QByteArray>> headers;
  QByteArray body;
  int delayMs = 0;
  qint64 padBytes = 0;
  QByteArray link;
  QByteArray redirectTo;
};

// Parses one rule:
//   {"method": "GET", "path": "/repos/contoso/shop/environments/production/variables",
//    "query": "page=2", "times": 1, <one action>}
// where the action is one of
//   "status": 401 [, "body": "..." or a JSON value] [, "headers": {"Retry-After": "1"}]
//   "delayMs": 2000 | "hang": true | "truncate": true | "padBytes": 100000 |
//   "link": "<malformed>" | "redirectTo": "http://localhost:8080/_storage/artifacts/1.zip"
// std::nullopt with `error` set when the rule is not valid.
std::optional<SandboxFault> parseSandboxFault(const QJsonObject& rule, QString& error);
// A JSON array of rules (the --faults file), or a single rule object.
std::optional<std::vector<SandboxFault>> parseSandboxFaults(const QByteArray& json, QString& error);

// The JSON form of one rule, as parseSandboxFault() reads it.
QJsonObject sandboxFaultToJson(const SandboxFault& fault);

}  // namespace releasedesk
