// The kiosk's on-screen keyboard: Qt Virtual Keyboard with its English and
// pinyin layouts, shown in a QQuickWidget inside the kiosk window by
// app/virtual_keyboard.py.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: root

    // The layout to show: "en_US" (Latin letters) or "zh_CN" (pinyin).
    property string locale: "en_US"
    // Empty unless Qt Virtual Keyboard is the application's input method,
    // because InputContext reads it from that input method.
    readonly property string inputContextLocale: InputContext.locale
    // The pinyin being composed and the number of Chinese candidates shown.
    readonly property string preeditText: InputContext.preeditText
    readonly property int candidateCount: InputContext.inputEngine.wordCandidateListModel.count

    implicitHeight: panel.height
    onLocaleChanged: VirtualKeyboardSettings.locale = locale

    InputPanel {
        id: panel
        objectName: "input_panel"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        // The kiosk shows and hides the whole widget, so the panel stays up.
        active: true
    }

    Component.onCompleted: {
        // A candidate bar that comes and goes would move the kiosk's layout
        // and the keys under the customer's finger.
        VirtualKeyboardSettings.wordCandidateList.alwaysVisible = true
        VirtualKeyboardSettings.activeLocales = ["en_US", "zh_CN"]
        VirtualKeyboardSettings.locale = root.locale
    }
}
