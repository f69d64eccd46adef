<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Autosaver</name>
    <message>
        <location filename="../../app/autosave.py" line="85" />
        <source>Restore design</source>
        <translation>恢复设计</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="86" />
        <source>The studio did not close properly last time. Restore the design that was open?</source>
        <translation>工作室上次未正常关闭。是否恢复当时打开的设计？</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../app/kiosk.py" line="359" />
        <source>Design your own</source>
        <translation>设计您的专属作品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="361" />
        <source>Staff</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="362" />
        <source>Popular in our store</source>
        <translation>本店热门</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="363" />
        <source>All products</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="366" />
        <source>◀ Products</source>
        <translation>◀ 产品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="367" />
        <source>↶ Undo</source>
        <translation>↶ 撤销</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="368" />
        <source>↷ Redo</source>
        <translation>↷ 重做</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="369" />
        <source>Save design</source>
        <translation>保存设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="371" />
        <source>Your design is saved. Show this code to our staff.</source>
        <translation>您的设计已保存。请向店员出示此代码。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="373" />
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="374" />
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="375" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="376" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="447" />
        <source>Also changed to keep the design valid: %s</source>
        <translation>为保持设计有效，已同时调整：%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="465" />
        <source>Price: %s</source>
        <translation>价格：%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="508" />
        <source>Fix the problems listed before saving the design.</source>
        <translation>请先修正所列问题再保存设计。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/kiosk.py" line="553" />
        <source>Are you still there? Starting over in %n second(s).</source>
        <translation>
            <numerusform>您还在吗？%n 秒后将重新开始。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="599" />
        <source>No staff PIN is set, so kiosk mode cannot be left here. Staff: run 'main.py set-kiosk-pin' on this computer first.</source>
        <translation>尚未设置店员密码，无法在此退出自助模式。店员：请先在本机运行 'main.py set-kiosk-pin'。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="604" />
        <source>Staff PIN</source>
        <translation>店员密码</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="630" />
        <source>Wrong PIN. Try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="194" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="196" />
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/kiosk_staff.py" line="21" />
        <source>Open kiosk design</source>
        <translation>打开自助机设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="22" />
        <source>Code on the customer's receipt:</source>
        <translation>顾客凭条上的代码：</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="35" />
        <location filename="../../app/kiosk_staff.py" line="46" />
        <source>Cannot open kiosk design</source>
        <translation>无法打开自助机设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="36" />
        <source>The studio has no database open.</source>
        <translation>工作室未打开数据库。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="214" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="215" />
        <source>&amp;Open design…</source>
        <translation>打开设计(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="216" />
        <source>&amp;Save design…</source>
        <translation>保存设计(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="217" />
        <source>&amp;Export production package…</source>
        <translation>导出生产包(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="218" />
        <source>Open &amp;kiosk design…</source>
        <translation>打开自助机设计(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="219" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="220" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="221" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="222" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="223" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="224" />
        <source>Suggestions</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="287" />
        <source>Also changed to keep the design valid: </source>
        <translation>为保持设计有效，已同时调整：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="305" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="318" />
        <source>Fix the errors listed before exporting</source>
        <translation>请先修正所列错误再导出</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="332" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="334" />
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="342" />
        <source>Ready to order.</source>
        <translation>可以下单。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="364" />
        <source>The preview could not be built: </source>
        <translation>无法生成预览：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="370" />
        <source>Open design</source>
        <translation>打开设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="381" />
        <source>Cannot open design</source>
        <translation>无法打开设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="396" />
        <source>Save design</source>
        <translation>保存设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="408" />
        <source>Cannot save design</source>
        <translation>无法保存设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="412" />
        <source>Saved </source>
        <translation>已保存 </translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="416" />
        <source>Export production package to</source>
        <translation>导出生产包到</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="432" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="439" />
        <source>Exported to </source>
        <translation>已导出到 </translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="445" />
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="497" />
        <source>Suggestions are unavailable: </source>
        <translation>暂无推荐：</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../app/keyboard.py" line="163" />
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../app/keyboard.py" line="166" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/keyboard.py" line="170" />
        <source>Switch input</source>
        <translation>切换输入法</translation>
    </message>
</context>
</TS>