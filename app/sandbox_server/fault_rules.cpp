// Fault rules: parsing and checking them (unknown keys and impossible values are refused), and
// their JSON form.
#include "app/sandbox_server/fault_rules.h"

#include "app/sandbox_server/http1_codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QStringList>
#include <QUrl>

#include <cmath>

namespace releasedesk {
namespace {

using http1::hasControlCharacters;
using http1::isFramingHeader;
using http1::isToken;
using http1::reasonPhrase;

constexpr qint64 kMaxPadBytes = qint64(256) * 1024 * 1024;
constexpr qint64 kMaxDelayMs = 10 * 60 * 1000;

std::optional<qint64> integerOf(const QJsonValue& value) {
  if (!value.isDouble()) return std::nullopt;
  const double number = value.toDouble();
  if (std::floor(number) != number || std::abs(number) > 9.0e15) return std::nullopt;
  return static_cast<qint64>(number);
}

}  // namespace

QJsonObject sandboxFaultToJson(const SandboxFault& fault) {
  QJsonObject json;
  if (!fault.method.isEmpty()) json.insert(QStringLiteral("method"), QString::fromLatin1(fault.method));
  json.insert(QStringLiteral("path"), QString::fromUtf8(fault.path));
  if (!fault.query.isEmpty()) json.insert(QStringLiteral("query"), QString::fromUtf8(fault.query));
  json.insert(QStringLiteral("times"), fault.times);
  switch (fault.action) {
    case SandboxFault::Action::Status: {
      json.insert(QStringLiteral("status"), fault.status);
      QJsonObject headers;
      for (const auto& [name, value] : fault.headers)
        headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
      if (!headers.isEmpty()) json.insert(QStringLiteral("headers"), headers);
      if (!fault.body.isEmpty()) json.insert(QStringLiteral("body"), QString::fromUtf8(fault.body));
      break;
    }
    case SandboxFault::Action::Delay: json.insert(QStringLiteral("delayMs"), fault.delayMs); break;
    case SandboxFault::Action::Hang: json.insert(QStringLiteral("hang"), true); break;
    case SandboxFault::Action::Truncate: json.insert(QStringLiteral("truncate"), true); break;
    case SandboxFault::Action::Pad: json.insert(QStringLiteral("padBytes"), fault.padBytes); break;
    case SandboxFault::Action::Link: json.insert(QStringLiteral("link"), QString::fromUtf8(fault.link)); break;
    case SandboxFault::Action::Redirect:
      json.insert(QStringLiteral("redirectTo"), QString::fromUtf8(fault.redirectTo));
      break;
  }
  return json;
}

std::optional<SandboxFault> parseSandboxFault(const QJsonObject& rule, QString& error) {
  static const QStringList kKeys = {QStringLiteral("method"),     QStringLiteral("path"),     QStringLiteral("query"),
                                    QStringLiteral("times"),      QStringLiteral("status"),   QStringLiteral("body"),
                                    QStringLiteral("headers"),    QStringLiteral("delayMs"),  QStringLiteral("hang"),
                                    QStringLiteral("truncate"),   QStringLiteral("padBytes"), QStringLiteral("link"),
                                    QStringLiteral("redirectTo"), QStringLiteral("comment")};
  static const QStringList kActions = {QStringLiteral("status"),    QStringLiteral("delayMs"),  QStringLiteral("hang"),
                                       QStringLiteral("truncate"),  QStringLiteral("padBytes"), QStringLiteral("link"),
                                       QStringLiteral("redirectTo")};
  const auto fail = [&error](QString message) -> std::optional<SandboxFault> {
    error = std::move(message);
    return std::nullopt;
  };
  for (const QString& key : rule.keys()) {
    // Unknown keys are refused: a misspelt "time" must not silently mean "once".
    if (!kKeys.contains(key)) return fail(QStringLiteral("unknown key \"%1\"").arg(key));
  }

  SandboxFault fault;
  if (rule.contains(QStringLiteral("method"))) {
    fault.method = rule.value(QStringLiteral("method")).toString().toUpper().toLatin1();
    if (!isToken(fault.method)) return fail(QStringLiteral("\"method\" must be an HTTP method such as \"GET\""));
  }
  const QJsonValue path = rule.value(QStringLiteral("path"));
  if (!path.isString() || !path.toString().startsWith(QLatin1Char('/'))) {
    return fail(QStringLiteral("\"path\" is required and must start with '/' (\"/\" matches every path)"));
  }
  fault.path = path.toString().toUtf8();
  if (fault.path.contains('?')) return fail(QStringLiteral("\"path\" must not contain a query; use \"query\""));
  if (rule.contains(QStringLiteral("query"))) {
    if (!rule.value(QStringLiteral("query")).isString()) return fail(QStringLiteral("\"query\" must be a string"));
    fault.query = rule.value(QStringLiteral("query")).toString().toUtf8();
  }
  if (rule.contains(QStringLiteral("times"))) {
    const auto times = integerOf(rule.value(QStringLiteral("times")));
    if (!times || *times < 0 || *times > 1000000) {
      return fail(QStringLiteral("\"times\" must be a whole number, 0 meaning forever"));
    }
    fault.times = static_cast<int>(*times);
  }

  QStringList actions;
  for (const QString& key : kActions) {
    if (rule.contains(key)) actions.append(key);
  }
  if (actions.size() != 1) {
    return fail(QStringLiteral("a rule needs exactly one action of: ") + kActions.join(QStringLiteral(", ")) +
                (actions.isEmpty()
                     ? QString()
                     : QStringLiteral(" (found ") + actions.join(QStringLiteral(", ")) + QLatin1Char(')')));
  }
  const QString action = actions.first();
  if (action != QStringLiteral("status") &&
      (rule.contains(QStringLiteral("body")) || rule.contains(QStringLiteral("headers")))) {
    return fail(QStringLiteral("\"body\" and \"headers\" go with \"status\" only"));
  }
  const QJsonValue value = rule.value(action);

  if (action == QStringLiteral("status")) {
    const auto status = integerOf(value);
    if (!status || *status < 200 || *status > 599) return fail(QStringLiteral("\"status\" must be from 200 to 599"));
    fault.action = SandboxFault::Action::Status;
    fault.status = static_cast<int>(*status);
    const QJsonValue headers = rule.value(QStringLiteral("headers"));
    if (!headers.isUndefined() && !headers.isObject()) {
      return fail(QStringLiteral("\"headers\" must be an object of names and values"));
    }
    const QJsonObject headerObject = headers.toObject();
    for (auto it = headerObject.begin(); it != headerObject.end(); ++it) {
      const QByteArray name = it.key().toLatin1();
      QByteArray headerValue;
      if (it.value().isString()) {
        headerValue = it.value().toString().toUtf8();
      } else if (const auto number = integerOf(it.value())) {
        headerValue = QByteArray::number(*number);
      } else {
        return fail(QStringLiteral("the header \"%1\" must have a string or number value").arg(it.key()));
      }
      if (!isToken(name) || hasControlCharacters(headerValue)) {
        return fail(QStringLiteral("the header \"%1\" is not a valid header").arg(it.key()));
      }
      if (isFramingHeader(name.toStdString())) {
        return fail(QStringLiteral("the header \"%1\" is set by the server itself").arg(it.key()));
      }
      fault.headers.append({name, headerValue});
    }
    const QJsonValue body = rule.value(QStringLiteral("body"));
    if (body.isString()) {
      fault.body = body.toString().toUtf8();
    } else if (body.isObject()) {
      fault.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    } else if (body.isArray()) {
      fault.body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    } else if (!body.isUndefined()) {
      return fail(QStringLiteral("\"body\" must be a string, an object or an array"));
    } else if (fault.status >= 400) {
      // GitHub's errors always carry a JSON message; so do the sandbox's unless told otherwise.
      fault.body =
          QJsonDocument(
              QJsonObject{{QStringLiteral("message"), QString::fromLatin1(reasonPhrase(fault.status))},
                          {QStringLiteral("documentation_url"), QStringLiteral("https://docs.github.com/rest")},
                          {QStringLiteral("status"), QString::number(fault.status)}})
              .toJson(QJsonDocument::Compact);
    }
  } else if (action == QStringLiteral("delayMs")) {
    const auto delay = integerOf(value);
    if (!delay || *delay < 0 || *delay > kMaxDelayMs) {
      return fail(QStringLiteral("\"delayMs\" must be from 0 to %1").arg(kMaxDelayMs));
    }
    fault.action = SandboxFault::Action::Delay;
    fault.delayMs = static_cast<int>(*delay);
  } else if (action == QStringLiteral("hang") || action == QStringLiteral("truncate")) {
    if (value != QJsonValue(true)) return fail(QStringLiteral("\"%1\" takes true").arg(action));
    fault.action = action == QStringLiteral("hang") ? SandboxFault::Action::Hang : SandboxFault::Action::Truncate;
  } else if (action == QStringLiteral("padBytes")) {
    const auto bytes = integerOf(value);
    if (!bytes || *bytes < 1 || *bytes > kMaxPadBytes) {
      return fail(QStringLiteral("\"padBytes\" must be from 1 to %1").arg(kMaxPadBytes));
    }
    fault.action = SandboxFault::Action::Pad;
    fault.padBytes = *bytes;
  } else if (action == QStringLiteral("link")) {
    if (!value.isString()) return fail(QStringLiteral("\"link\" must be a string"));
    fault.link = value.toString().toUtf8();
    if (hasControlCharacters(fault.link)) return fail(QStringLiteral("\"link\" must not contain control characters"));
    fault.action = SandboxFault::Action::Link;
  } else {
    const QUrl target(value.toString(), QUrl::StrictMode);
    if (!value.isString() || !target.isValid() || target.host().isEmpty() ||
        (target.scheme() != QStringLiteral("http") && target.scheme() != QStringLiteral("https"))) {
      return fail(QStringLiteral("\"redirectTo\" must be an absolute http or https URL"));
    }
    fault.redirectTo = target.toEncoded();
    fault.action = SandboxFault::Action::Redirect;
  }
  return fault;
}

std::optional<std::vector<SandboxFault>> parseSandboxFaults(const QByteArray& json, QString& error) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (document.isNull()) {
    // Qt refuses anything after the document (a NUL included); said as the core's readers say it.
    error = QStringLiteral("not valid JSON: ") + (parseError.error == QJsonParseError::GarbageAtEnd
                                                      ? QStringLiteral("something follows the end of the document")
                                                      : parseError.errorString());
    return std::nullopt;
  }
  std::vector<SandboxFault> faults;
  if (document.isObject()) {
    auto fault = parseSandboxFault(document.object(), error);
    if (!fault) return std::nullopt;
    faults.push_back(std::move(*fault));
    return faults;
  }
  const QJsonArray rules = document.array();
  for (qsizetype i = 0; i < rules.size(); ++i) {
    QString ruleError;
    auto fault = rules[i].isObject() ? parseSandboxFault(rules[i].toObject(), ruleError) : std::nullopt;
    if (!rules[i].isObject()) ruleError = QStringLiteral("a rule must be a JSON object");
    if (!fault) {
      error = QStringLiteral("rule %1: %2").arg(i + 1).arg(ruleError);
      return std::nullopt;
    }
    faults.push_back(std::move(*fault));
  }
  return faults;
}

}  // namespace releasedesk
