import { Button, Text, View } from '@tarojs/components'
import PageShell from '@/components/page-shell'
import { currentPlatform } from '@/services/env'
import { OPERATOR } from '@/operator'
import './index.scss'

/**
 * 联系我们: who runs the shop, how to reach them and how to complain (WX-OPS-1), plus WeChat's
 * customer-service button. Open to everyone, logged in or not.
 */
export default function ContactPage() {
  return (
    <PageShell>
      <View className='contact' data-testid='contact'>
        <View className='contact__item'>
          <Text className='contact__label'>运营者</Text>
          <Text className='contact__value'>{OPERATOR.name}</Text>
        </View>
        <View className='contact__item'>
          <Text className='contact__label'>客服电话</Text>
          <Text className='contact__value' selectable>
            {OPERATOR.phone}（{OPERATOR.hours}）
          </Text>
        </View>
        <View className='contact__item'>
          <Text className='contact__label'>邮箱</Text>
          <Text className='contact__value' selectable>
            {OPERATOR.email}
          </Text>
        </View>
        <View className='contact__item'>
          <Text className='contact__label'>投诉与反馈</Text>
          <Text className='contact__value'>{OPERATOR.complaint}</Text>
        </View>
        <Button className='contact__button' openType='contact'>
          联系客服
        </Button>
        {currentPlatform() === 'h5' ? <Text className='contact__hint'>在微信小程序中点击可直接联系在线客服</Text> : null}
      </View>
    </PageShell>
  )
}
