// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/ReceptionService.h"

#include <QMainWindow>

namespace oqs::client::gui {

/// placeholder, being written
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    MainWindow(core::ReceptionService& service, core::ServerClient& client, const QString& configurationProblem,
               QWidget* parent = nullptr);
};

} // namespace oqs::client::gui
