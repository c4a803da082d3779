// The desktop executable. Everything lives in the releasedesk_ui library so tests can link it.
#include "ui/desktop.h"

int main(int argc, char** argv) {
  return releasedesk::runDesktop(argc, argv);
}
