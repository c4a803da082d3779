// ConnectionState: how the desk stands with its GitHub project, as the status bar shows it.
#pragma once

namespace releasedesk {

enum class ConnectionState {
  Connected,     // the project's host answered the last refresh
  Sandbox,       // the built-in sandbox answered the last refresh
  Connecting,    // a connection is being opened or read for the first time
  NotConnected,  // no connection: no token, no keychain, or nothing configured
  Failed         // the last refresh failed
};

}  // namespace releasedesk
