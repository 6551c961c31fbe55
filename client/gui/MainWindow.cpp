// SPDX-License-Identifier: Apache-2.0
#include "gui/MainWindow.h"

namespace oqs::client::gui {

MainWindow::MainWindow(core::ReceptionService&, core::ServerClient&, const QString&, QWidget* parent)
    : QMainWindow(parent)
{
}

} // namespace oqs::client::gui
