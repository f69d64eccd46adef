<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Autosaver</name>
    <message>
        <location filename="../../app/autosave.py" line="85"/>
        <source>Restore design</source>
        <translation>恢复设计</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="86"/>
        <source>The studio did not close properly last time. Restore the design that was open?</source>
        <translation>工作室上次未正常关闭。是否恢复当时打开的设计？</translation>
    </message>
</context>
<context>
    <name>ExportProgressDialog</name>
    <message>
        <location filename="../../app/export_progress.py" line="49"/>
        <source>Exporting production package</source>
        <translation>正在导出生产包</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="50"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="52"/>
        <source>Starting the export…</source>
        <translation>正在开始导出…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="53"/>
        <source>Rendering the front, side and 3D views…</source>
        <translation>正在渲染正视图、侧视图和三维视图…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="54"/>
        <source>Writing the specification (spec.json)…</source>
        <translation>正在写入规格文件 (spec.json)…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="55"/>
        <source>Laying out the spec sheet (spec.pdf)…</source>
        <translation>正在排版规格单 (spec.pdf)…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="56"/>
        <source>Writing the meshes (STL, glTF, 3MF)…</source>
        <translation>正在写入网格 (STL、glTF、3MF)…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="57"/>
        <source>Drawing the cut lists and DXF files…</source>
        <translation>正在生成下料单和 DXF 文件…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="58"/>
        <source>Writing the package folder…</source>
        <translation>正在写入生产包文件夹…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="59"/>
        <source>Zipping the package…</source>
        <translation>正在压缩生产包…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="60"/>
        <source>Moving the package into place…</source>
        <translation>正在将生产包移到目标位置…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="61"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../app/kiosk.py" line="365"/>
        <source>Design your own</source>
        <translation>设计您的专属作品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="367"/>
        <source>Staff</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="368"/>
        <source>Popular in our store</source>
        <translation>本店热门</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="369"/>
        <source>All products</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="372"/>
        <source>◀ Products</source>
        <translation>◀ 产品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="373"/>
        <source>↶ Undo</source>
        <translation>↶ 撤销</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="374"/>
        <source>↷ Redo</source>
        <translation>↷ 重做</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="375"/>
        <source>Save design</source>
        <translation>保存设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="377"/>
        <source>Your design is saved. Show this code to our staff.</source>
        <translation>您的设计已保存。请向店员出示此代码。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="379"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="380"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="381"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="382"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="453"/>
        <source>Also changed to keep the design valid: %s</source>
        <translation>为保持设计有效，已同时调整：%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="471"/>
        <source>Price: %s</source>
        <translation>价格：%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="514"/>
        <source>Fix the problems listed before saving the design.</source>
        <translation>请先修正所列问题再保存设计。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/kiosk.py" line="561"/>
        <source>Are you still there? Starting over in %n second(s).</source>
        <translation>
            <numerusform>您还在吗？%n 秒后将重新开始。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="607"/>
        <source>No staff PIN is set, so kiosk mode cannot be left here. Staff: run &apos;main.py set-kiosk-pin&apos; on this computer first.</source>
        <translation>尚未设置店员密码，无法在此退出自助模式。店员：请先在本机运行 &apos;main.py set-kiosk-pin&apos;。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="612"/>
        <source>Staff PIN</source>
        <translation>店员密码</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="638"/>
        <source>Wrong PIN. Try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="194"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="196"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/kiosk_staff.py" line="21"/>
        <source>Open kiosk design</source>
        <translation>打开自助机设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="22"/>
        <source>Code on the customer&apos;s receipt:</source>
        <translation>顾客凭条上的代码：</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="35"/>
        <location filename="../../app/kiosk_staff.py" line="46"/>
        <source>Cannot open kiosk design</source>
        <translation>无法打开自助机设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="36"/>
        <source>The studio has no database open.</source>
        <translation>工作室未打开数据库。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="263"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="264"/>
        <source>&amp;Open design…</source>
        <translation>打开设计(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="265"/>
        <source>&amp;Save design…</source>
        <translation>保存设计(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="266"/>
        <source>&amp;Export production package…</source>
        <translation>导出生产包(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="267"/>
        <source>Open &amp;kiosk design…</source>
        <translation>打开自助机设计(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="268"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="269"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="270"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="271"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="272"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="273"/>
        <source>&amp;Customers</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="274"/>
        <source>Customer &amp;profile…</source>
        <translation>客户档案(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="275"/>
        <source>&amp;Segments…</source>
        <translation>客户分组(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="276"/>
        <source>&amp;Order</source>
        <translation>订单(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="277"/>
        <source>&amp;Place order…</source>
        <translation>下单(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="278"/>
        <source>Production &amp;monitor…</source>
        <translation>生产监控(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="279"/>
        <source>Customer profile…</source>
        <translation>客户档案…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="280"/>
        <source>Suggestions</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="281"/>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="283"/>
        <source>Front</source>
        <translation>正视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="284"/>
        <source>Side</source>
        <translation>侧视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="285"/>
        <source>Top</source>
        <translation>俯视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="286"/>
        <source>3D</source>
        <translation>立体</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="290"/>
        <source>Dimensions</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="291"/>
        <source>Show width, depth and height in mm</source>
        <translation>显示宽、深、高（毫米）</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="293"/>
        <source>Width</source>
        <translation>宽</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="293"/>
        <source>Depth</source>
        <translation>深</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="293"/>
        <source>Height</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="403"/>
        <source>Also changed to keep the design valid: </source>
        <translation>为保持设计有效，已同时调整：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="426"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="431"/>
        <source>Materials and tax are added on the quote.</source>
        <translation>报价单另加材料费和税。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="441"/>
        <source>Fix the errors listed before exporting</source>
        <translation>请先修正所列错误再导出</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="449"/>
        <source>Fix the errors listed before ordering</source>
        <translation>请先修正所列错误再下单</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="463"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="465"/>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="473"/>
        <source>Ready to order.</source>
        <translation>可以下单。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="526"/>
        <source>The preview could not be built: </source>
        <translation>无法生成预览：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="532"/>
        <source>Open design</source>
        <translation>打开设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="543"/>
        <source>Cannot open design</source>
        <translation>无法打开设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="558"/>
        <source>Save design</source>
        <translation>保存设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="570"/>
        <source>Cannot save design</source>
        <translation>无法保存设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="574"/>
        <source>Saved </source>
        <translation>已保存 </translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="586"/>
        <source>Export production package to</source>
        <translation>导出生产包到</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="646"/>
        <source>Exported to </source>
        <translation>已导出到 </translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="628"/>
        <location filename="../../app/main_window.py" line="654"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="610"/>
        <source>Export running</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="612"/>
        <source>An export to {0} is running; wait for it or cancel it.</source>
        <translation>正在导出到 {0}；请等待完成或取消。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="643"/>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="676"/>
        <source>Order placed: </source>
        <translation>已下单：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="741"/>
        <source>Suggestions are unavailable: </source>
        <translation>暂无推荐：</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../app/keyboard.py" line="163"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../app/keyboard.py" line="166"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/keyboard.py" line="170"/>
        <source>Switch input</source>
        <translation>切换输入法</translation>
    </message>
</context>
<context>
    <name>PackageExportJob</name>
    <message>
        <location filename="../../app/export_job.py" line="112"/>
        <source>{0} is an existing file; choose a folder for the package.</source>
        <translation>{0} 是一个已有文件；请为生产包选择一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../app/export_job.py" line="190"/>
        <source>The export process stopped (exit code {0}) while moving the package into {1}; check that folder and export again.</source>
        <translation>导出进程在将生产包移入 {1} 时停止（退出码 {0}）；请检查该文件夹并重新导出。</translation>
    </message>
    <message>
        <location filename="../../app/export_job.py" line="195"/>
        <source>The export stopped before the package was moved into place; nothing was written. Export again.</source>
        <translation>导出在生产包移到目标位置之前停止，未写入任何文件。请重新导出。</translation>
    </message>
    <message>
        <location filename="../../app/export_job.py" line="199"/>
        <source>The export process stopped unexpectedly (exit code {0}); nothing was written. Export again.</source>
        <translation>导出进程意外停止（退出码 {0}），未写入任何文件。请重新导出。</translation>
    </message>
    <message>
        <location filename="../../app/export_job.py" line="214"/>
        <source>The export process could not start ({0}); check that {1} runs.</source>
        <translation>导出进程无法启动（{0}）；请检查 {1} 能否运行。</translation>
    </message>
</context>
</TS>
