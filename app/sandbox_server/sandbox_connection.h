// One client connection of the SandboxServer: reads requests off its socket with the HTTP/1.1
// codec and answers them in order, through the fault rules, the control endpoints or the
// repository.
#pragma once

#include "app/sandbox_server/http1_codec.h"

#include <QByteArray>
#include <QObject>

class QTcpSocket;

namespace releasedesk {

class SandboxServer;

// Reads requests off one socket and answers them in order. While an answer is held back (a
// delay or a hang), later requests on the same connection wait behind it, as HTTP/1.1 requires.
// Deletes itself when the client disconnects; the server must outlive it.
class SandboxConnection final : public QObject {
 public:
  // Takes the socket over (it becomes a child of the connection).
  SandboxConnection(SandboxServer& server, QTcpSocket* socket, QObject* parent);
  ~SandboxConnection() override;

 private:
  void readAvailable();
  void processBuffer();
  void handle(http1::Request request);
  HttpResponse repositoryAnswer(const http1::Request& request) const;
  HttpResponse control(const http1::Request& request);
  void answer(const http1::Request& request, const HttpResponse& response, quint64 logId);
  void send(const HttpResponse& response, bool keepAlive, bool headOnly);

  SandboxServer& server_;
  QTcpSocket* socket_;
  QByteArray buffer_;
  bool busy_ = false;
  bool closing_ = false;
  bool continueSent_ = false;
};

}  // namespace releasedesk
