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
    <name>CompareWindow</name>
    <message>
        <location filename="../../app/compare_view.py" line="405"/>
        <source>Compare designs</source>
        <translation>比较设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="406"/>
        <source>Link views</source>
        <translation>联动视图</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="407"/>
        <source>Turn both previews together</source>
        <translation>两个预览一起旋转</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="408"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>DesignColumn</name>
    <message>
        <location filename="../../app/compare_view.py" line="151"/>
        <source>Design on screen</source>
        <translation>当前设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="153"/>
        <source>Compare the design now open in the studio window</source>
        <translation>比较工作室窗口中当前打开的设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="155"/>
        <source>Design file…</source>
        <translation>设计文件…</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="156"/>
        <source>Kiosk code</source>
        <translation>自助终端代码</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="157"/>
        <source>Kiosk design code</source>
        <translation>自助终端设计代码</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="158"/>
        <source>Open code</source>
        <translation>打开代码</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="159"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="159"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="160"/>
        <source>Parameter values</source>
        <translation>参数值</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="161"/>
        <source>3D preview</source>
        <translation>3D 预览</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="162"/>
        <source>Use this design</source>
        <translation>使用此设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="163"/>
        <source>Open this design in the studio window</source>
        <translation>在工作室窗口中打开此设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="165"/>
        <source>No design chosen</source>
        <translation>未选择设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="174"/>
        <source>The studio window has no design open.</source>
        <translation>工作室窗口中没有打开的设计。</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="193"/>
        <source>The studio has no database open.</source>
        <translation>工作室未打开数据库。</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="219"/>
        <source>Open design</source>
        <translation>打开设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="219"/>
        <source>Designs (*.json)</source>
        <translation>设计文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="251"/>
        <source>Price: %s</source>
        <translation>价格：%s</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="278"/>
        <source>Differs from the other design</source>
        <translation>与另一个设计不同</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="307"/>
        <source>The preview could not be built: </source>
        <translation>无法生成预览：</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../app/kiosk.py" line="367"/>
        <source>Design your own</source>
        <translation>设计您的专属作品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="369"/>
        <source>Staff</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="370"/>
        <source>Popular in our store</source>
        <translation>本店热门</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="371"/>
        <source>All products</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="374"/>
        <source>◀ Products</source>
        <translation>◀ 产品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="375"/>
        <source>↶ Undo</source>
        <translation>↶ 撤销</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="376"/>
        <source>↷ Redo</source>
        <translation>↷ 重做</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="377"/>
        <source>Save design</source>
        <translation>保存设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="379"/>
        <source>Your design is saved. Show this code to our staff.</source>
        <translation>您的设计已保存。请向店员出示此代码。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="381"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="382"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="383"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="384"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="385"/>
        <source>Clear PIN</source>
        <translation>清除密码</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="386"/>
        <source>Delete last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="457"/>
        <source>Also changed to keep the design valid: %s</source>
        <translation>为保持设计有效，已同时调整：%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="475"/>
        <source>Price: %s</source>
        <translation>价格：%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="518"/>
        <source>Fix the problems listed before saving the design.</source>
        <translation>请先修正所列问题再保存设计。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/kiosk.py" line="565"/>
        <source>Are you still there? Starting over in %n second(s).</source>
        <translation>
            <numerusform>您还在吗？%n 秒后将重新开始。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="611"/>
        <source>No staff PIN is set, so kiosk mode cannot be left here. Staff: run &apos;main.py set-kiosk-pin&apos; on this computer first.</source>
        <translation>尚未设置店员密码，无法在此退出自助模式。店员：请先在本机运行 &apos;main.py set-kiosk-pin&apos;。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="616"/>
        <source>Staff PIN</source>
        <translation>店员密码</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="642"/>
        <source>Wrong PIN. Try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="163"/>
        <source>Decrease %s</source>
        <translation>减小%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="166"/>
        <source>Increase %s</source>
        <translation>增大%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="201"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="203"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="234"/>
        <source>Type %s</source>
        <translation>输入%s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/kiosk_staff.py" line="23"/>
        <source>Open kiosk design</source>
        <translation>打开自助机设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="24"/>
        <source>Code on the customer&apos;s receipt:</source>
        <translation>顾客凭条上的代码：</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="37"/>
        <location filename="../../app/kiosk_staff.py" line="47"/>
        <source>Cannot open kiosk design</source>
        <translation>无法打开自助机设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="38"/>
        <source>The studio has no database open.</source>
        <translation>工作室未打开数据库。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="265"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="266"/>
        <source>&amp;Open design…</source>
        <translation>打开设计(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="267"/>
        <source>&amp;Save design…</source>
        <translation>保存设计(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="268"/>
        <source>&amp;Export production package…</source>
        <translation>导出生产包(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="269"/>
        <source>Open &amp;kiosk design…</source>
        <translation>打开自助机设计(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="270"/>
        <source>&amp;Compare designs…</source>
        <translation>比较设计(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="271"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="272"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="273"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="274"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="275"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="276"/>
        <source>&amp;Customers</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="277"/>
        <source>Customer &amp;profile…</source>
        <translation>客户档案(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="278"/>
        <source>&amp;Segments…</source>
        <translation>客户分组(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="279"/>
        <source>&amp;Order</source>
        <translation>订单(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="280"/>
        <source>&amp;Place order…</source>
        <translation>下单(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="281"/>
        <source>Production &amp;monitor…</source>
        <translation>生产监控(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="282"/>
        <source>Customer profile…</source>
        <translation>客户档案…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="283"/>
        <source>Suggestions</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="284"/>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="286"/>
        <source>Front</source>
        <translation>正视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="287"/>
        <source>Side</source>
        <translation>侧视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="288"/>
        <source>Top</source>
        <translation>俯视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="289"/>
        <source>3D</source>
        <translation>立体</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="293"/>
        <source>Dimensions</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="294"/>
        <source>Show width, depth and height in mm</source>
        <translation>显示宽、深、高（毫米）</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="296"/>
        <source>Width</source>
        <translation>宽</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="296"/>
        <source>Depth</source>
        <translation>深</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="296"/>
        <source>Height</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="411"/>
        <source>Also changed to keep the design valid: </source>
        <translation>为保持设计有效，已同时调整：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="434"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="439"/>
        <source>Materials and tax are added on the quote.</source>
        <translation>报价单另加材料费和税。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="449"/>
        <source>Fix the errors listed before exporting</source>
        <translation>请先修正所列错误再导出</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="457"/>
        <source>Fix the errors listed before ordering</source>
        <translation>请先修正所列错误再下单</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="471"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="473"/>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="481"/>
        <source>Ready to order.</source>
        <translation>可以下单。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="534"/>
        <source>The preview could not be built: </source>
        <translation>无法生成预览：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="540"/>
        <source>Open design</source>
        <translation>打开设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="551"/>
        <source>Cannot open design</source>
        <translation>无法打开设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="566"/>
        <source>Save design</source>
        <translation>保存设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="578"/>
        <source>Cannot save design</source>
        <translation>无法保存设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="582"/>
        <source>Saved </source>
        <translation>已保存 </translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="586"/>
        <source>Export production package to</source>
        <translation>导出生产包到</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="604"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="611"/>
        <source>Exported to </source>
        <translation>已导出到 </translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="617"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="651"/>
        <source>Order placed: </source>
        <translation>已下单：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="716"/>
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
    <message>
        <location filename="../../app/keyboard.py" line="173"/>
        <source>Backspace</source>
        <translation>退格</translation>
    </message>
</context>
<context>
    <name>PlaceOrderDialog</name>
    <message>
        <location filename="../../app/order_dialog.py" line="103"/>
        <source>Price lines</source>
        <translation>价格明细</translation>
    </message>
</context>
<context>
    <name>ProductionMonitor</name>
    <message>
        <location filename="../../app/monitor.py" line="117"/>
        <source>Search orders</source>
        <translation>搜索订单</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="121"/>
        <source>Order state</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="147"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="184"/>
        <source>Order history</source>
        <translation>订单记录</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="224"/>
        <source>Next state</source>
        <translation>下一状态</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="228"/>
        <source>Quality check result</source>
        <translation>质检结果</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="234"/>
        <source>Note on the state change</source>
        <translation>状态变更备注</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="249"/>
        <source>Payment kind</source>
        <translation>付款类型</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="254"/>
        <source>Payment amount</source>
        <translation>付款金额</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="258"/>
        <source>Payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="274"/>
        <source>Promised date</source>
        <translation>交货日期</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="279"/>
        <source>Reason for the new date</source>
        <translation>变更日期的原因</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="300"/>
        <source>Quarantined records</source>
        <translation>待审核记录</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="308"/>
        <source>Reason for dismissing</source>
        <translation>忽略原因</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <location filename="../../app/profile_view.py" line="146"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="167"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="183"/>
        <source>Event history</source>
        <translation>事件记录</translation>
    </message>
</context>
<context>
    <name>SegmentsView</name>
    <message>
        <location filename="../../app/segments_view.py" line="108"/>
        <source>Segments</source>
        <translation>客户分组</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="113"/>
        <source>Segment members</source>
        <translation>分组成员</translation>
    </message>
</context>
</TS>
